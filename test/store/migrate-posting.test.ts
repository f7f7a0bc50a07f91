import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { type Kysely, Kysely as KyselyDb, Migrator, SqliteDialect } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgres, openSqlite, type Store } from "../../src/store/index.js";
import { migrations } from "../../src/store/migrations.js";
import { SchemaPostgresDialect } from "../../src/store/pg-introspector.js";
import { dropSchema, postgresReachable, TEST_PG_URL, uniqueSchema } from "./backends.js";

const pgUp = await postgresReachable();
const dir = mkdtempSync(join(tmpdir(), "newsdesk-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: a database as an older release left it, untyped.
type OldDb = Kysely<any>;

/** Brings `db` to the schema of the release before intent-before-post (003) and leaves a claimed run in it. */
async function olderRelease(db: OldDb, migrationTableSchema?: string): Promise<void> {
  const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < "004"));
  // On PostgreSQL, name the schema: Kysely would otherwise find other test runs' bookkeeping.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => before },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  const at = "2026-11-30T08:00:00.000Z";
  await db
    .insertInto("tenants")
    .values({ id: "t1", platform: "slack", external_id: "T1", name: null, created_at: at })
    .execute();
  await db
    .insertInto("channels")
    .values({ id: "c1", tenant_id: "t1", external_id: "C1", name: null, timezone: null, created_at: at })
    .execute();
  await db
    .insertInto("digest_runs")
    .values({
      id: "r1",
      tenant_id: "t1",
      channel_id: "c1",
      slot: at,
      status: "claimed",
      digest_json: null,
      nonce: "n1",
      attempts: 0,
      next_attempt_at: at,
      lease_owner: null,
      lease_until: null,
      last_error: null,
      message_id: null,
      created_at: at,
      finished_at: null,
    })
    .execute();
  await db.destroy();
}

/** The upgraded store keeps the run as it was and can take it through "posting". */
async function checkUpgraded(store: Store): Promise<void> {
  const [run] = await store.digests.listRuns("t1", "c1");
  expect(run).toMatchObject({ id: "r1", status: "claimed", postingAt: null, nonce: "n1" });
  const now = new Date("2026-11-30T08:05:00.000Z");
  const [leased] = await store.worker.leasePendingRuns("me", now, 60_000, 10);
  expect(leased?.id).toBe("r1");
  expect(await store.worker.markPosting("r1", "me", now)).toBe(true);
  const [posting] = await store.digests.listRuns("t1", "c1");
  expect(posting).toMatchObject({ status: "posting", postingAt: now.toISOString() });
  // A later attempt keeps the first attempt's time: recovery looks from there.
  expect(await store.worker.markPosting("r1", "me", new Date("2026-11-30T09:00:00.000Z"))).toBe(true);
  expect((await store.digests.listRuns("t1", "c1"))[0]?.postingAt).toBe(now.toISOString());
  expect(await store.worker.markPosted("r1", "me", "ts-1", [], now)).toBe(true);
  expect((await store.digests.listRuns("t1", "c1"))[0]).toMatchObject({
    status: "posted",
    messageId: "ts-1",
  });
}

describe("migration 004 (digest_runs.posting_at) upgrades an existing database", () => {
  it("SQLite: a file from the release before opens, migrates and keeps its runs", async () => {
    const file = join(dir, "old.db");
    await olderRelease(new KyselyDb({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) }));
    const store = await openSqlite(file);
    try {
      await checkUpgraded(store);
    } finally {
      await store.close();
    }
  });

  it.skipIf(!pgUp)("PostgreSQL: a schema from the release before migrates and keeps its runs", async () => {
    const schema = uniqueSchema();
    const pool = new pg.Pool({ connectionString: TEST_PG_URL, max: 1, options: `-c search_path=${schema}` });
    const setup = await pool.connect();
    await setup.query(`CREATE SCHEMA ${schema}`);
    setup.release();
    try {
      await olderRelease(new KyselyDb({ dialect: new SchemaPostgresDialect({ pool }, schema) }), schema);
      const store = await openPostgres(TEST_PG_URL, { pgSchema: schema, poolSize: 2 });
      try {
        await checkUpgraded(store);
      } finally {
        await store.close();
      }
    } finally {
      await dropSchema(schema);
    }
  });
});
