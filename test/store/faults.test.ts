import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createStore, openPostgres, openSqlite, StoreOpenError } from "../../src/store/index.js";
import { sampleArticle, sampleBrief } from "./samples.js";

const dir = mkdtempSync(join(tmpdir(), "newsdesk-faults-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openError(open: () => Promise<unknown>): Promise<Error> {
  try {
    await open();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the store not to open");
}

describe("store start-up and write faults", () => {
  it("creates DATA_DIR/newsdesk.db on first start, in WAL mode", async () => {
    const dataDir = join(dir, "fresh", "data");
    const store = await createStore({ DATA_DIR: dataDir, DATABASE_URL: undefined });
    expect(store.kind).toBe("sqlite");
    expect(store.location).toBe(join(dataDir, "newsdesk.db"));
    await store.close();
    const raw = new BetterSqlite3(join(dataDir, "newsdesk.db"));
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
    // A second start finds the schema in place and migrates nothing.
    const again = await createStore({ DATA_DIR: dataDir, DATABASE_URL: undefined });
    await again.close();
  });

  it("names the file when it is not a database", async () => {
    const file = join(dir, "corrupt.db");
    writeFileSync(file, "this is not a SQLite database\n".repeat(200));
    const err = await openError(() => openSqlite(file));
    expect(err).toBeInstanceOf(StoreOpenError);
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/corrupt or not a SQLite database/);
  });

  it("names the file when another process holds a lock on it", async () => {
    const file = join(dir, "locked.db");
    const other = new BetterSqlite3(file);
    other.exec("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);");
    try {
      const err = await openError(() => openSqlite(file, { busyTimeoutMs: 100 }));
      expect(err).toBeInstanceOf(StoreOpenError);
      expect(err.message).toContain(file);
      expect(err.message).toMatch(/locked by another process/);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
  });

  it("reports a full disk and leaves nothing half-written", async () => {
    // Room for every migration's schema plus a little: the 400 KB rows below (~100 pages) do not fit.
    const store = await openSqlite(join(dir, "full.db"), { sqliteMaxPages: 150 });
    try {
      const tenant = await store.tenants.ensure({ platform: "slack", externalId: "T-full" });
      const feed = await store.feeds.add(tenant.id, { url: "https://full.example/rss" });
      const small = await store.articles.save(tenant.id, sampleArticle(1), { feedId: feed.id });
      const huge = sampleArticle(2, { text: "x".repeat(400_000) });
      await expect(store.articles.save(tenant.id, huge, { feedId: feed.id })).rejects.toThrow(/full/);
      expect(await store.articles.findByHash(tenant.id, huge.contentHash)).toBeUndefined();
      // A story whose brief does not fit: neither the story nor its article links are written.
      const bigBrief = sampleBrief("Big", ["y".repeat(400_000)]);
      await expect(
        store.stories.save(tenant.id, {
          storyKey: "big",
          title: "Big",
          brief: bigBrief,
          articleIds: [small.id],
        }),
      ).rejects.toThrow(/full/);
      expect(await store.stories.findByKey(tenant.id, "big")).toBeUndefined();
      expect(await store.stories.list(tenant.id)).toEqual([]);
      // The store keeps working for writes that fit.
      const ok = await store.stories.save(tenant.id, {
        storyKey: "small",
        title: "Small",
        brief: sampleBrief("Small"),
        articleIds: [small.id],
      });
      expect((await store.stories.get(tenant.id, ok.id))?.articleCount).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("refuses a stored brief that no longer matches the schema", async () => {
    const file = join(dir, "badbrief.db");
    const store = await openSqlite(file);
    const tenant = await store.tenants.ensure({ platform: "slack", externalId: "T-bad" });
    const saved = await store.stories.save(tenant.id, {
      storyKey: "k",
      title: "K",
      brief: sampleBrief("K"),
      articleIds: [],
    });
    const raw = new BetterSqlite3(file);
    raw.prepare("UPDATE stories SET brief_json = ? WHERE id = ?").run('{"title":1}', saved.id);
    raw.close();
    await expect(store.stories.get(tenant.id, saved.id)).rejects.toThrow(
      /stored brief of story .* is invalid/,
    );
    await store.close();
  });

  it("names the server when PostgreSQL cannot be reached, without the password", async () => {
    const err = await openError(() => openPostgres("postgres://bot:secret@127.0.0.1:1/newsdesk"));
    expect(err).toBeInstanceOf(StoreOpenError);
    expect(err.message).toMatch(
      /cannot connect to PostgreSQL at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/newsdesk/,
    );
    expect(err.message).not.toContain("secret");
  });

  it("rejects a schema name that is not a plain identifier", async () => {
    const err = await openError(() =>
      openPostgres("postgres://127.0.0.1:1/x", { pgSchema: "x; DROP TABLE y" }),
    );
    expect(err.message).toMatch(/invalid PostgreSQL schema name/);
  });
});
