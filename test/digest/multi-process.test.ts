import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgres } from "../../src/store/index.js";
import { dropSchema, postgresReachable, TEST_PG_URL, uniqueSchema } from "../store/backends.js";
import { addStory } from "./helpers.js";
import { dueOnce, startWorker } from "./spawn-worker.js";

const pgUp = await postgresReachable();
if (!pgUp) console.warn(`PostgreSQL not reachable at ${TEST_PG_URL}: the three-process test is SKIPPED`);

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
