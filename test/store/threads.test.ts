import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest, migrations } from "../../src/store/migrations.js";
import { availableBackends } from "./backends.js";

for (const backend of await availableBackends()) {
  describe(`thread → stories (${backend.name})`, () => {
    it("remembers a thread's stories in order, per tenant and channel, and replaces them when posted again", async () => {
      const { store, cleanup } = await backend.open();
      try {
        const a = (await store.tenants.ensure({ platform: "slack", externalId: "T1" })).id;
        const b = (await store.tenants.ensure({ platform: "slack", externalId: "T2" })).id;
        const ref = { channel: "C1", thread: "1700000000.000100" };
        await store.threads.remember(a, ref, ["s3", "s1", "s2"], "digest");
        expect(await store.threads.storiesOf(a, ref)).toEqual(["s3", "s1", "s2"]);
        // Another tenant, another channel, another thread: nothing.
        expect(await store.threads.storiesOf(b, ref)).toEqual([]);
        expect(await store.threads.storiesOf(a, { ...ref, channel: "C2" })).toEqual([]);
        expect(await store.threads.storiesOf(a, { ...ref, thread: "1700000000.000200" })).toEqual([]);
        await store.threads.remember(a, ref, ["s9"], "mention");
        expect(await store.threads.storiesOf(a, ref)).toEqual(["s9"]);
      } finally {
        await cleanup();
      }
    });

    it("counts one channel's auto-briefs since a time, and keeps its autolink settings", async () => {
      const { store, cleanup } = await backend.open();
      try {
        const t = (await store.tenants.ensure({ platform: "discord", externalId: "400" })).id;
        const at = (m: number) => new Date(Date.UTC(2026, 11, 2, 12, m));
        for (let i = 0; i < 3; i++)
          await store.threads.remember(t, { channel: "300", thread: `m${i}` }, ["s"], "autolink", at(i * 20));
        await store.threads.remember(t, { channel: "300", thread: "x" }, ["s"], "mention", at(50));
        await store.threads.remember(t, { channel: "301", thread: "y" }, ["s"], "autolink", at(50));
        expect(await store.threads.countSince(t, "300", "autolink", at(15))).toBe(2);
        expect(await store.threads.countSince(t, "300", "autolink", at(0))).toBe(3);
        expect(await store.threads.countSince(t, "300", "mention", at(0))).toBe(1);

        expect(await store.threads.conversation(t, "300")).toEqual({ unfurlDomains: [] });
        await store.threads.setConversation(t, "300", {
          autolinksSince: at(0).toISOString(),
          unfurlDomains: ["example.com"],
        });
        expect(await store.threads.conversation(t, "300")).toEqual({
          autolinksSince: at(0).toISOString(),
          unfurlDomains: ["example.com"],
        });
        await store.threads.setConversation(t, "300", { unfurlDomains: [] });
        expect(await store.threads.conversation(t, "300")).toEqual({ unfurlDomains: [] });
      } finally {
        await cleanup();
      }
    });

    it("finds a thread's stories among many in a few milliseconds (primary key range)", async () => {
      const { store, cleanup } = await backend.open();
      try {
        const t = (await store.tenants.ensure({ platform: "slack", externalId: "T9" })).id;
        for (let i = 0; i < 300; i++)
          await store.threads.remember(t, { channel: `C${i % 7}`, thread: `${i}.0001` }, [`s${i}`], "digest");
        const ref = { channel: "C3", thread: "150.0001" };
        await store.threads.storiesOf(t, ref);
        const started = performance.now();
        for (let i = 0; i < 20; i++) expect(await store.threads.storiesOf(t, ref)).toEqual(["s150"]);
        const each = (performance.now() - started) / 20;
        expect(each).toBeLessThan(5);
      } finally {
        await cleanup();
      }
    });
  });
}

describe("migration order", () => {
  it("runs a lower-numbered migration that arrives after a later one has run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-unordered-"));
    // biome-ignore lint/suspicious/noExplicitAny: the untyped schema, as migrations see it
    const db = new Kysely<any>({
      dialect: new SqliteDialect({ database: new BetterSqlite3(join(dir, "x.db")) }),
    });
    try {
      const late = "005_arrives_late";
      // Everything else has run; then a migration numbered before the last one ships.
      await migrateToLatest(db);
      migrations[late] = {
        async up(d) {
          await d.schema.createTable("late_table").addColumn("id", "text").execute();
        },
      };
      expect(await migrateToLatest(db)).toEqual([late]);
    } finally {
      delete migrations["005_arrives_late"];
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
