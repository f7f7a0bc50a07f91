import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseSchedule } from "../../src/digest/schedule.js";
import { openPostgres, openSqlite, type Store } from "../../src/store/index.js";
import { dropSchema, postgresReachable, TEST_PG_URL, uniqueSchema } from "../store/backends.js";
import { addStory } from "./helpers.js";

const script = new URL("./worker-process.ts", import.meta.url).pathname;
const tsx = new URL("../../node_modules/tsx/dist/esm/index.mjs", import.meta.url).pathname;
const pgUp = await postgresReachable();
if (!pgUp) console.warn(`PostgreSQL not reachable at ${TEST_PG_URL}: the three-process test is SKIPPED`);

interface Worker {
  child: ChildProcess;
  lines: string[];
  waitFor(line: string): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts a real worker process (node + tsx) and collects its output lines. */
function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ["--import", tsx, script], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const waiters: { line: string; resolve: () => void }[] = [];
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    for (const l of parts) {
      lines.push(l);
      for (const w of waiters.filter((x) => l.startsWith(x.line))) w.resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitFor: (line) =>
      lines.some((l) => l.startsWith(line))
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            waiters.push({ line, resolve });
            exited.then(() => reject(new Error(`worker exited before "${line}": ${lines.join(" | ")}`)));
          }),
  };
}

/** A schedule whose slot is long past and whose next one is far away: exactly one slot is due. */
async function dueOnce(store: Store, tenantId: string, channelId: string) {
  const p = parseSchedule("cron 0 0 1 1 *", "UTC");
  await store.schedules.set(tenantId, channelId, {
    spec: p.spec,
    timezone: "UTC",
    nextSlotAt: new Date("2020-01-01T00:00:00Z"),
  });
}

const tmp = mkdtempSync(join(tmpdir(), "newsdesk-proc-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!pgUp)("three worker processes on one PostgreSQL", () => {
  it("share the feeds and digests without polling or posting anything twice", async () => {
    const schema = uniqueSchema();
    const store = await openPostgres(TEST_PG_URL, { pgSchema: schema });
    try {
      const tenant = await store.tenants.ensure({ platform: "discord", externalId: "G-multi" });
      const feeds = [];
      for (let i = 0; i < 24; i++) {
        feeds.push(await store.feeds.add(tenant.id, { url: `https://f${i}.example/rss` }, new Date(0)));
      }
      for (let i = 0; i < 12; i++) {
        const channel = await store.channels.ensure(tenant.id, { externalId: `chan${i}` });
        await store.feeds.subscribe(tenant.id, channel.id, feeds[i].id);
        await addStory(store, tenant.id, { channelId: channel.id }, new Date());
        await dueOnce(store, tenant.id, channel.id);
      }
      const deliveries = join(tmp, "multi-deliveries.txt");
      const env = {
        PG_URL: TEST_PG_URL,
        PG_SCHEMA: schema,
        DELIVERY_FILE: deliveries,
        POLL_DELAY_MS: "60",
        WAIT_FOR_GO: "1",
        RUN_MS: "10000",
        EXIT_WHEN: "idle",
      };
      const workers = [1, 2, 3].map((n) => startWorker({ ...env, WORKER_NAME: `w${n}` }));
      await Promise.all(workers.map((w) => w.waitFor("READY")));
      for (const w of workers) w.child.stdin!.write("GO\n");
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0, 0]);

      const polls = workers.flatMap((w) => w.lines.filter((l) => l.startsWith("POLL ")));
      const posts = workers.flatMap((w) => w.lines.filter((l) => l.startsWith("POST ")));
      expect(polls.sort()).toEqual(feeds.map((f) => `POLL ${f.url}`).sort());
      expect(new Set(posts.map((p) => p.split(" ")[1])).size).toBe(12);
      expect(posts).toHaveLength(12);
      expect(readFileSync(deliveries, "utf8").trim().split("\n")).toHaveLength(12);
      // The work really was shared, not done by whichever process started first.
      const busy = workers.filter((w) => w.lines.some((l) => l.startsWith("POLL "))).length;
      expect(busy).toBeGreaterThanOrEqual(2);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  }, 60_000);
});

describe("kill and restart a worker process (SQLite)", () => {
  it("resumes the unfinished claim after a crash and posts it exactly once", async () => {
    const file = join(tmp, "crash.db");
    const store = await openSqlite(file);
    const tenant = await store.tenants.ensure({ platform: "discord", externalId: "G-crash" });
    const channel = await store.channels.ensure(tenant.id, { externalId: "crash-chan" });
    await addStory(store, tenant.id, { channelId: channel.id }, new Date(), { title: "Crash story" });
    await dueOnce(store, tenant.id, channel.id);
    await store.close();
    const deliveries = join(tmp, "crash-deliveries.txt");
    const env = { SQLITE_FILE: file, DELIVERY_FILE: deliveries, LEASE_MS: "1500", RUN_MS: "20000" };

    // First process: the platform accepts the post, then the process is killed before recording it.
    const first = startWorker({ ...env, POSTER_MODE: "hang", WORKER_NAME: "first" });
    await first.waitFor("POST crash-chan");
    first.child.kill("SIGKILL");
    await first.exited;
    const reopened = await openSqlite(file);
    const [pending] = await reopened.digests.listRuns(tenant.id, channel.id);
    expect(pending.status).toBe("claimed");
    await reopened.close();

    // Second process: resumes the run once the lease lapsed; the same nonce means no second delivery.
    const second = startWorker({ ...env, RUN_MS: "15000", EXIT_WHEN: "posted", WORKER_NAME: "second" });
    expect(await second.exited).toBe(0);
    const after = await openSqlite(file);
    const [run] = await after.digests.listRuns(tenant.id, channel.id);
    await after.close();
    expect(run.status).toBe("posted");
    expect(run.messageId).toBe("msg-first-crash-chan");
    expect(readFileSync(deliveries, "utf8").trim().split("\n")).toEqual([
      `${run.nonce} msg-first-crash-chan`,
    ]);
  }, 60_000);
});
