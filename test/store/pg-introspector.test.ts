import { type Dialect, Kysely, PostgresDialect, sql, type TableMetadata } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SchemaPostgresDialect } from "../../src/store/pg-introspector.js";
import { dropSchema, postgresReachable, TEST_PG_URL, uniqueSchema } from "./backends.js";

const pgUp = await postgresReachable();

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

describe.skipIf(!pgUp)("SchemaPostgresDialect introspection", () => {
  const own = uniqueSchema();
  beforeAll(async () => {
    await admin(`CREATE SCHEMA ${own};
      CREATE TABLE ${own}.items (id serial PRIMARY KEY, title text NOT NULL, note text DEFAULT 'x');
      COMMENT ON COLUMN ${own}.items.note IS 'why';
      CREATE TABLE ${own}.kysely_migration (name varchar(255) PRIMARY KEY);`);
  });
  afterAll(() => dropSchema(own));

  /**
   * Introspects while another session drops a schema, the race that failed store start-up under
   * load. A repeatable-read transaction makes it deterministic: its snapshot still holds the
   * dropped schema's tables, as a statement does that began just before the drop committed.
   */
  async function introspectDuringDrop(dialect: (pool: pg.Pool) => Dialect): Promise<TableMetadata[]> {
    const other = uniqueSchema();
    await admin(`CREATE SCHEMA ${other}; CREATE TABLE ${other}.t (id integer)`);
    const pool = new pg.Pool({ connectionString: TEST_PG_URL, max: 1, options: `-c search_path=${own}` });
    const db = new Kysely<unknown>({ dialect: dialect(pool) });
    try {
      return await db
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute(async (trx) => {
          await sql`select 1`.execute(trx); // takes the snapshot
          await admin(`DROP SCHEMA ${other} CASCADE`);
          return trx.introspection.getTables({ withInternalKyselyTables: true });
        });
    } finally {
      await db.destroy();
      await dropSchema(other);
    }
  }

  it("reproduces the race with Kysely's own introspector", async () => {
    await expect(introspectDuringDrop((pool) => new PostgresDialect({ pool }))).rejects.toThrow(
      /schema "nd_test_\w+" does not exist/,
    );
  });

  it("is not failed by another schema dropped meanwhile, and reads only its own", async () => {
    const tables = await introspectDuringDrop((pool) => new SchemaPostgresDialect({ pool }, own));
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual([`${own}.items`, `${own}.kysely_migration`]);
  });

  it("describes its columns and hides Kysely's bookkeeping unless asked", async () => {
    const db = new Kysely<unknown>({
      dialect: new SchemaPostgresDialect(
        { pool: new pg.Pool({ connectionString: TEST_PG_URL, max: 1 }) },
        own,
      ),
    });
    try {
      const tables = await db.introspection.getTables();
      expect(tables).toEqual([
        {
          name: "items",
          schema: own,
          isView: false,
          columns: [
            {
              name: "id",
              dataType: "int4",
              dataTypeSchema: "pg_catalog",
              isAutoIncrementing: true,
              isNullable: false,
              hasDefaultValue: true,
            },
            {
              name: "title",
              dataType: "text",
              dataTypeSchema: "pg_catalog",
              isAutoIncrementing: false,
              isNullable: false,
              hasDefaultValue: false,
            },
            {
              name: "note",
              dataType: "text",
              dataTypeSchema: "pg_catalog",
              isAutoIncrementing: false,
              isNullable: true,
              hasDefaultValue: true,
              comment: "why",
            },
          ],
        },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
