import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSchedule } from "../../src/digest/schedule.js";
import { openPostgres, openSqlite, type Store } from "../../src/store/index.js";
import { startSlackStandIn } from "../platforms/slack-standin.js";
import { dropSchema, TEST_PG_URL, uniqueSchema } from "../store/backends.js";
import { addStory } from "./helpers.js";
import { startWorker, type Worker } from "./spawn-worker.js";

const crashWorker = new URL("./crash-worker.ts", import.meta.url).pathname;

/**
 * Where to kill the worker: at the n-th post the platform receives (counting every arrival,
 * re-posts included; the first from the n-th on that the running worker sends), `before` Slack
 * accepts it or `after`; `last` is after the final digest the
 * sweep expects was accepted. On the console, `n` counts prints and the kill comes after one.
 */
export type Kill = { n: number; when: "before" | "after" } | { n: "last"; when: "after" };

export interface SweepResult {
  expected: number;
  /** Runs recorded posted, of `expected`. */
  posted: number;
  /** Deliveries beyond one per run (Slack messages or console prints). */
  duplicates: number;
  /** Runs recorded posted whose digest never reached the platform. */
  lost: number;
  /** Runs whose recorded message id is not the one the platform holds for them. */
  wrongIds: number;
  kills: number;
  processes: number;
}

interface Backend {
  env: Record<string, string>;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

export async function sweepBackend(name: "sqlite" | "postgres"): Promise<Backend> {
  if (name === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-sweep-"));
    const file = join(dir, "sweep.db");
    return {
      env: { SQLITE_FILE: file, RECEIPTS_FILE: join(dir, "console-digests.log") },
      open: () => openSqlite(file),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = uniqueSchema();
  return {
    env: { PG_URL: TEST_PG_URL, PG_SCHEMA: schema },
    open: () => openPostgres(TEST_PG_URL, { pgSchema: schema, poolSize: 2 }),
    cleanup: () => dropSchema(schema),
  };
}

/**
 * `channels` channels with a daily 08:00 UTC digest over `days` days, each with a story for the
 * first; the virtual clock starts in the (real) past so platform timestamps come after it.
 */
async function seed(store: Store, platform: "slack" | "console", channels: number, start: Date) {
  const tenant = await store.tenants.ensure({
    platform,
    externalId: platform === "slack" ? "T1" : "console",
  });
  const p = parseSchedule("daily 08:00", "UTC");
  for (let i = 0; i < channels; i++) {
    const channel = await store.channels.ensure(tenant.id, { externalId: `C${String(i).padStart(3, "0")}` });
    await store.schedules.set(tenant.id, channel.id, { spec: p.spec, timezone: "UTC", nextSlotAt: start });
    await addStory(store, tenant.id, { channelId: channel.id }, new Date(start.getTime() - 3_600_000));
  }
  return tenant;
}

/**
 * Runs the sweep: starts a worker, kills it at each position in turn and restarts it (its clock
 * past the dead one's leases) until one finishes; then compares what the platform received with
 * what the store recorded.
 */
export async function runSweep(opts: {
  backend: Backend;
  poster: "slack" | "console";
  channels: number;
  days: number;
  kills: Kill[];
}): Promise<SweepResult> {
  const { backend, poster, channels, days } = opts;
  const day = 86_400_000;
  const start = new Date(Math.floor((Date.now() - 20 * day) / day) * day + 8 * 3_600_000);
  const expected = channels * days;
  const store = await backend.open();
  const tenant = await seed(store, poster, channels, start);
  await store.close();

  const standIn = poster === "slack" ? await startSlackStandIn() : undefined;
  const pending = [...opts.kills];
  let current: Worker | undefined;
  let killed = false;
  let kills = 0;
  const kill = () => {
    pending.shift();
    killed = true;
    kills++;
    current!.child.kill("SIGKILL");
  };
  const deliveredDigests = () => new Set(standIn!.history.digestParts().map((l) => l.split(" ")[1])).size;
  let arrivals = 0;
  if (standIn) {
    standIn.history.onPost = (_body, deliver) => {
      arrivals++;
      const next = pending[0];
      const armed = current && !killed && next;
      // ">=": posts already in flight when a worker dies still arrive, and may pass a position.
      if (armed && next.n !== "last" && next.when === "before" && arrivals >= next.n) return void kill();
      deliver();
      if (armed && (next.n === "last" ? deliveredDigests() === expected : arrivals >= next.n)) kill();
      return undefined;
    };
  }
  const prints: string[] = [];
  let clockStart = start.toISOString();
  let processes = 0;
  try {
    for (;;) {
      killed = false;
      processes++;
      const env = {
        ...backend.env,
        POSTER: poster,
        CLOCK_START: clockStart,
        LAST_SLOT: new Date(start.getTime() + (days - 1) * day).toISOString(),
        WORKER_NAME: `sweep-${processes}`,
        ...(standIn ? { SLACK_API_URL: `${standIn.url}/api` } : {}),
      };
      const worker = startWorker(env, crashWorker);
      current = worker;
      let seen = 0;
      worker.child.stdout!.on("data", () => {
        // The console: kill right after the n-th print (counted over the whole sweep).
        for (; seen < worker.lines.length; seen++) {
          const line = worker.lines[seen]!;
          if (!line.startsWith("PRINTED ")) continue;
          prints.push(line);
          const next = pending[0];
          if (!killed && next && (next.n === "last" ? prints.length === expected : prints.length >= next.n))
            kill();
        }
      });
      const code = await worker.exited;
      if (code === 0) break;
      if (!killed)
        throw new Error(`worker ${processes} failed (exit ${code}): ${worker.lines.slice(-5).join(" | ")}`);
      const lastTick =
        worker.lines
          .filter((l) => l.startsWith("TICK "))
          .pop()
          ?.slice(5) ?? clockStart;
      // Past every lease the dead worker held (10 min), as a restart after the lease lapsed.
      clockStart = new Date(Date.parse(lastTick) + 11 * 60_000).toISOString();
    }
    if (pending.length) throw new Error(`kill positions never reached: ${JSON.stringify(pending)}`);

    const check = await backend.open();
    try {
      const runs = [];
      for (const c of await check.channels.list(tenant.id))
        runs.push(...(await check.digests.listRuns(tenant.id, c.id, 100)));
      const postedRuns = runs.filter((r) => r.status === "posted");
      let duplicates: number;
      let lost = 0;
      let wrongIds = 0;
      if (standIn) {
        const parts = standIn.history.digestParts();
        const byNonce = new Map<string, string[]>();
        for (const [channel, list] of standIn.history.byChannel) {
          for (const m of list) {
            const nonce = String(m.metadata?.event_payload.nonce);
            byNonce.set(nonce, [...(byNonce.get(nonce) ?? []), `${channel} ${m.ts}`]);
          }
        }
        duplicates = parts.length - byNonce.size;
        for (const r of postedRuns) {
          const found = byNonce.get(r.nonce);
          if (!found) lost++;
          else if (!found.some((f) => f.endsWith(` ${r.messageId}`))) wrongIds++;
        }
      } else {
        const keys = new Set(prints.map((p) => p.slice("PRINTED ".length)));
        duplicates = prints.length - keys.size;
        const channelsById = new Map((await check.channels.list(tenant.id)).map((c) => [c.id, c.externalId]));
        lost = postedRuns.filter((r) => !keys.has(`${channelsById.get(r.channelId)} ${r.slot}`)).length;
      }
      return { expected, posted: postedRuns.length, duplicates, lost, wrongIds, kills, processes };
    } finally {
      await check.close();
    }
  } finally {
    // A failed sweep leaves no worker behind.
    if (current && current.child.exitCode === null && current.child.signalCode === null)
      current.child.kill("SIGKILL");
    await standIn?.close();
    await backend.cleanup();
  }
}
