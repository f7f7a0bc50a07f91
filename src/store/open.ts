import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type pg from "pg";
import type { Config } from "../config.js";
import { migrateToLatest } from "./migrations.js";
import { SchemaPostgresDialect } from "./pg-introspector.js";
import { alertStore, alertWorkerStore } from "./repo-alerts.js";
import { articleStore } from "./repo-article.js";
import { briefCache, tokenUsage } from "./repo-cache.js";
import { digestStore, scheduleStore } from "./repo-digest.js";
import { dmDigestStore } from "./repo-dm-digest.js";
import { filterStore } from "./repo-filters.js";
import { deliveryKeys, slackInstallationStore } from "./repo-slack.js";
import { storyStore } from "./repo-story.js";
import { channelStore, feedStore, tenantStore } from "./repo-tenancy.js";
import { threadStore } from "./repo-threads.js";
import { workerStore } from "./repo-worker.js";
import type { Database } from "./schema.js";
import type { Store } from "./types.js";

/** Start-up failure of the store, with a message meant for the operator (names the file or server). */
export class StoreOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreOpenError";
  }
}

export interface StoreOptions {
  /** PostgreSQL only: use (and create) this schema, e.g. one per test run. */
  pgSchema?: string;
  /** SQLite only: how long to wait for a lock held by another process (default 5 s). */
  busyTimeoutMs?: number;
  /** PostgreSQL only: connections in the pool (default 10). */
  poolSize?: number;
  /** SQLite only: cap the file at this many pages (4 KB each) — for quotas and disk-full tests. */
  sqliteMaxPages?: number;
}

export const sqliteFileFor = (config: Pick<Config, "DATA_DIR">): string =>
  resolve(join(config.DATA_DIR, "newsdesk.db"));

/** Opens the configured store (PostgreSQL when DATABASE_URL is set, else the SQLite file) and migrates it. */
export async function createStore(
  config: Pick<Config, "DATA_DIR" | "DATABASE_URL">,
  options: StoreOptions = {},
): Promise<Store> {
  return config.DATABASE_URL
    ? openPostgres(config.DATABASE_URL, options)
    : openSqlite(sqliteFileFor(config), options);
}

function sqliteProblem(file: string, err: unknown): string {
  const code = (err as { code?: string }).code ?? "";
  const msg = err instanceof Error ? err.message : String(err);
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT" || /not a database|malformed/i.test(msg)) {
    return `the database file ${file} is corrupt or not a SQLite database (${msg}); restore it from a backup or move it away to start empty`;
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") || /locked/i.test(msg)) {
    return `the database file ${file} is locked by another process (${msg}); stop the other Newsdesk instance or use PostgreSQL (DATABASE_URL) to run several`;
  }
  if (code.startsWith("SQLITE_CANTOPEN") || code === "EACCES" || code === "ENOENT" || code === "EROFS") {
    return `cannot open the database file ${file} (${msg}); check that DATA_DIR exists and is writable`;
  }
  return `cannot open the database file ${file}: ${msg}`;
}

export async function openSqlite(file: string, options: StoreOptions = {}): Promise<Store> {
  let sqlite: BetterSqlite3.Database;
  try {
    mkdirSync(dirname(file), { recursive: true });
    sqlite = new BetterSqlite3(file, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (err) {
    throw new StoreOpenError(sqliteProblem(file, err), { cause: err });
  }
  try {
    // Touch the file header first: a corrupt file fails here rather than half-way through a migration.
    sqlite.pragma("schema_version");
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    // Digest bursts sort small result sets and rewrite hot index pages: keep both in memory.
    sqlite.pragma("temp_store = MEMORY");
    sqlite.pragma("cache_size = -32000");
    sqlite.pragma("foreign_keys = ON");
    if (options.sqliteMaxPages) sqlite.pragma(`max_page_count = ${Math.floor(options.sqliteMaxPages)}`);
    const check = sqlite.pragma("quick_check", { simple: true });
    if (check !== "ok") throw Object.assign(new Error(String(check)), { code: "SQLITE_CORRUPT" });
  } catch (err) {
    sqlite.close();
    throw new StoreOpenError(sqliteProblem(file, err), { cause: err });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy();
    throw new StoreOpenError(sqliteProblem(file, (err as { cause?: unknown }).cause ?? err), { cause: err });
  }
  return assemble(db, "sqlite", file);
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements hold native memory until the
 * garbage collector finalises them, so under load RSS balloons. Reusing statements per SQL text
 * (Kysely runs one query at a time on this connection) keeps memory flat and skips re-parsing.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, max = 300) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql); // re-insert: the Map's order is the LRU order
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/**
 * Kysely sends every query unnamed, so PostgreSQL plans it anew each time — for the digest's
 * candidate query planning costs more than running it. Naming statements (per SQL text) lets
 * each connection prepare them once and reuse the plan. Capped per connection, since queries
 * with IN-lists of varying length are distinct texts.
 */
function withNamedStatements(pool: pg.Pool, maxPerClient = 400) {
  const named = new WeakMap<pg.PoolClient, Set<string>>();
  const nameOf = (text: string) => `nd_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  return {
    async connect() {
      const client = await pool.connect();
      let seen = named.get(client);
      if (!seen) {
        seen = new Set();
        named.set(client, seen);
      }
      const known = seen;
      return new Proxy(client, {
        get(target, prop, receiver) {
          if (prop !== "query") return Reflect.get(target, prop, receiver);
          return (text: unknown, values?: unknown[]) => {
            if (typeof text !== "string" || !Array.isArray(values)) {
              return (target.query as (...a: unknown[]) => unknown)(text, values);
            }
            const name = nameOf(text);
            if (!known.has(name) && known.size >= maxPerClient) return target.query(text, values);
            known.add(name);
            return target.query({ name, text, values });
          };
        },
      });
    },
    end: () => pool.end(),
  };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

export async function openPostgres(url: string, options: StoreOptions = {}): Promise<Store> {
  const where = redactUrl(url);
  const schema = options.pgSchema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreOpenError(`invalid PostgreSQL schema name "${schema}" (lower-case letters, digits, _)`);
  }
  // The driver loads only for PostgreSQL: a bot on the SQLite file never pays for it.
  const { default: pgDriver } = await import("pg");
  const pool = new pgDriver.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  let current: string;
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      const r = await client.query<{ s: string | null }>("SELECT current_schema() AS s");
      current = r.rows[0]?.s ?? "public";
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => {});
    const msg = err instanceof Error ? err.message : String(err);
    throw new StoreOpenError(`cannot connect to PostgreSQL at ${where}: ${msg}`, { cause: err });
  }
  // Introspection (the migrator's) reads only this schema: another schema dropped meanwhile can't fail it.
  const db = new Kysely<Database>({
    dialect: new SchemaPostgresDialect({ pool: withNamedStatements(pool) }, current),
  });
  try {
    await migrateToLatest(db, current);
  } catch (err) {
    await db.destroy();
    throw new StoreOpenError(`PostgreSQL at ${where}: ${(err as Error).message}`, { cause: err });
  }
  return assemble(db, "postgres", where);
}

function assemble(db: Kysely<Database>, kind: Store["kind"], location: string): Store {
  const postgres = kind === "postgres";
  const tenants = tenantStore(db);
  return {
    kind,
    location,
    tenants,
    channels: channelStore(db),
    feeds: feedStore(db),
    filters: filterStore(db),
    articles: articleStore(db),
    stories: storyStore(db),
    briefCache: briefCache(db),
    tokenUsage: tokenUsage(db),
    schedules: scheduleStore(db),
    digests: digestStore(db),
    dmDigests: dmDigestStore(db),
    slackInstallations: slackInstallationStore(db, tenants),
    deliveries: deliveryKeys(db),
    threads: threadStore(db),
    worker: workerStore(db, postgres),
    alerts: alertStore(db),
    alertWorker: alertWorkerStore(db),
    close: () => db.destroy(),
  };
}
