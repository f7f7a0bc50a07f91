import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openPostgres, openSqlite, type Store } from "../../src/store/index.js";

/** The PostgreSQL the store tests use (this machine runs one; CI starts it). */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let reachable: Promise<boolean> | undefined;
/** Whether the test PostgreSQL answers; checked once per file. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 8000 });
    try {
      await client.connect();
      await client.query("select 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

/** A fresh schema name per test run and store, so parallel runs never see each other's rows. */
export const uniqueSchema = (): string =>
  `nd_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export interface Backend {
  name: "sqlite" | "postgres";
  open(): Promise<{ store: Store; cleanup(): Promise<void> }>;
}

export const sqliteBackend: Backend = {
  name: "sqlite",
  async open() {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-store-"));
    const store = await openSqlite(join(dir, "newsdesk.db"));
    return {
      store,
      async cleanup() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const postgresBackend: Backend = {
  name: "postgres",
  async open() {
    const schema = uniqueSchema();
    const store = await openPostgres(TEST_PG_URL, { pgSchema: schema, poolSize: 4 });
    return {
      store,
      async cleanup() {
        await store.close();
        await dropSchema(schema);
      },
    };
  },
};

/** Both backends when PostgreSQL answers; otherwise SQLite only, saying so once. */
export async function availableBackends(): Promise<Backend[]> {
  if (await postgresReachable()) return [sqliteBackend, postgresBackend];
  console.warn(`PostgreSQL not reachable at ${TEST_PG_URL}: PostgreSQL store tests are SKIPPED`);
  return [sqliteBackend];
}
