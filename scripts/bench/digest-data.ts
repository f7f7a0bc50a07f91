import { createHash } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import type { StoryBrief } from "../../src/core/types.js";
import type { Store } from "../../src/store/index.js";

/** The digest bench's data set (digest.ts): its size, its rows, and how they are bulk-loaded. */
export const CHANNELS = Number(process.env.BENCH_DIGEST_CHANNELS ?? 10_000);
export const STORIES = 200;
const FEEDS = 20;
const FEEDS_PER_CHANNEL = 3;
export const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const SLOT = new Date("2030-01-07T08:00:00Z");

interface Row {
  table: string;
  values: Record<string, string | number | null>;
}

/**
 * A brief of the usual size (5 key points, 3 quotes, 2 questions, 6 entities), made by hand so
 * the bench measures digests and not the NLP engine (which it would also load into memory).
 */
function benchBrief(n: number, text: string): StoryBrief {
  const sentence = (i: number) => ({ text: `${text.split(". ")[i % 3]} (${n}.${i})`, sentences: [i] });
  return {
    title: `Bridge ${n} to reopen`,
    engine: "extractive",
    engineVersion: "bench",
    language: "en",
    keyPoints: [0, 1, 2, 3, 4].map(sentence),
    quotes: [0, 1, 2].map((i) => ({
      quote: `We expect traffic to return to normal ${i}`,
      speaker: "Maria Lopez",
      role: "transport director",
      sentence: 1,
      start: 80 + i,
      end: 120 + i,
    })),
    openQuestions: [0, 1].map((i) => ({
      question: `Will tolls rise in district ${n} (${i})?`,
      sentences: [3],
    })),
    entities: [0, 1, 2, 3, 4, 5].map((i) => ({
      name: `Entity ${n}-${i}`,
      type: "organisation" as const,
      aliases: [],
      sentences: [i % 4],
    })),
    notes: [],
  };
}

/** The bench data set as raw rows (bulk-loaded: setup is not what is measured). */
export async function dataset(store: Store): Promise<{ tenantId: string; rows: Row[] }> {
  const tenant = await store.tenants.ensure({ platform: "bench", externalId: "bench" });
  const t = tenant.id;
  const at = (min: number) => new Date(SLOT.getTime() - min * 60_000).toISOString();
  const rows: Row[] = [];
  const text = (i: number) =>
    `Officials in district ${i} said on Monday that the bridge would reopen next week. "We expect traffic to return to normal," said Maria Lopez, the transport director. Repairs cost 2 million euros. It is unclear whether tolls will rise.`;
  for (let f = 0; f < FEEDS; f++) {
    rows.push({
      table: "feeds",
      values: {
        id: `f${f}`,
        tenant_id: t,
        url: `https://feed${f}.example/rss`,
        title: null,
        etag: null,
        last_modified: null,
        last_polled_at: null,
        next_poll_at: at(-60),
        last_error: null,
        error_count: 0,
        lease_owner: null,
        lease_until: null,
        created_at: at(600),
      },
    });
  }
  for (let s = 0; s < STORIES; s++) {
    const body = text(s);
    const brief = benchBrief(s, body);
    rows.push({
      table: "articles",
      values: {
        id: `a${s}`,
        tenant_id: t,
        content_hash: createHash("sha256").update(body).digest("hex"),
        source: "feed",
        url: `https://news.example/${s}`,
        canonical_url: null,
        title: `Bridge ${s} to reopen`,
        text: body,
        byline: null,
        published: null,
        updated: null,
        site_name: "News",
        language: "en",
        created_at: at(s),
      },
    });
    rows.push({
      table: "feed_articles",
      values: { tenant_id: t, feed_id: `f${s % FEEDS}`, article_id: `a${s}`, added_at: at(s) },
    });
    rows.push({
      table: "stories",
      values: {
        id: `s${s}`,
        tenant_id: t,
        story_key: `k${s}`,
        title: brief.title,
        version: 1,
        brief_json: JSON.stringify(brief),
        brief_hash: `h${s}`,
        article_count: 1 + (s % 3),
        created_at: at(s),
        updated_at: at(s),
      },
    });
    rows.push({
      table: "story_articles",
      values: { tenant_id: t, story_id: `s${s}`, article_id: `a${s}`, added_at: at(s) },
    });
  }
  for (let c = 0; c < CHANNELS; c++) {
    rows.push({
      table: "channels",
      values: {
        id: `c${c}`,
        tenant_id: t,
        external_id: `chan${c}`,
        name: null,
        timezone: null,
        created_at: at(600),
      },
    });
    for (let k = 0; k < FEEDS_PER_CHANNEL; k++) {
      rows.push({
        table: "subscriptions",
        values: {
          tenant_id: t,
          channel_id: `c${c}`,
          feed_id: `f${(c + k * 7) % FEEDS}`,
          created_at: at(600),
        },
      });
    }
    rows.push({
      table: "schedules",
      values: {
        channel_id: `c${c}`,
        tenant_id: t,
        spec: "daily 08:00",
        timezone: "UTC",
        next_slot_at: SLOT.toISOString(),
        paused_reason: null,
        paused_at: null,
        created_at: at(600),
        updated_at: at(600),
      },
    });
  }
  return { tenantId: t, rows };
}

function byTable(rows: Row[]): Map<string, Row["values"][]> {
  const m = new Map<string, Row["values"][]>();
  for (const r of rows) {
    const list = m.get(r.table) ?? [];
    list.push(r.values);
    m.set(r.table, list);
  }
  return m;
}

export async function loadSqlite(file: string, rows: Row[]): Promise<void> {
  const db = new BetterSqlite3(file);
  db.transaction(() => {
    for (const [table, list] of byTable(rows)) {
      const cols = Object.keys(list[0]);
      const stmt = db.prepare(
        `INSERT INTO ${table} (${cols.join(",")}) VALUES (${cols.map(() => "?").join(",")})`,
      );
      for (const v of list) stmt.run(...cols.map((c) => v[c]));
    }
  })();
  db.close();
}

export async function loadPostgres(schema: string, rows: Row[]): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query("BEGIN");
  for (const [table, list] of byTable(rows)) {
    const cols = Object.keys(list[0]);
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      const params: unknown[] = [];
      const tuples = chunk.map((v) => `(${cols.map((c) => `$${params.push(v[c])}`).join(",")})`);
      await client.query(`INSERT INTO ${table} (${cols.join(",")}) VALUES ${tuples.join(",")}`, params);
    }
  }
  await client.query("COMMIT");
  await client.end();
}
