import type pg from "pg";

/** The scale simulation's size (env overrides for a quick run). */
export const SCALE = {
  tenants: Number(process.env.BENCH_SCALE_TENANTS ?? 1000),
  channels: Number(process.env.BENCH_SCALE_CHANNELS ?? 100_000),
  feeds: Number(process.env.BENCH_SCALE_FEEDS ?? 20_000),
  /** New stories per feed per day (a feed of 20 items a day mostly repeats; ~1 new story). */
  storiesPerFeedDay: Number(process.env.BENCH_SCALE_STORIES_PER_FEED ?? 1),
  /** Share of channels whose digest falls in the busiest minute (08:00 in the biggest timezone). */
  peakShare: Number(process.env.BENCH_SCALE_PEAK ?? 0.2),
  feedIntervalMinutes: 15,
};
export const SLOT = new Date("2030-01-07T08:00:00Z");

/** A stored brief of the usual size (5 key points, 3 quotes, 2 questions, 6 entities); #N# is the story. */
const briefTemplate = JSON.stringify({
  title: "Bridge #N# to reopen",
  engine: "extractive",
  engineVersion: "bench",
  language: "en",
  keyPoints: [0, 1, 2, 3, 4].map((i) => ({
    text: `Officials in district #N# said the bridge reopens (${i}).`,
    sentences: [i],
  })),
  quotes: [0, 1, 2].map((i) => ({
    quote: `We expect traffic to return to normal ${i}`,
    speaker: "Maria Lopez",
    role: "transport director",
    sentence: 1,
    start: 80 + i,
    end: 120 + i,
  })),
  openQuestions: [0, 1].map((i) => ({ question: `Will tolls rise in district #N# (${i})?`, sentences: [3] })),
  entities: [0, 1, 2, 3, 4, 5].map((i) => ({
    name: `Entity #N#-${i}`,
    type: "organisation",
    aliases: [],
    sentences: [i % 4],
  })),
  notes: [],
});

/**
 * Bulk-loads the simulated deployment server-side (generate_series: setup is not what is measured):
 * tenants, channels (each subscribed to 2 of its tenant's feeds, each with a daily digest — the
 * peak share due at SLOT, the rest spread over the day), feeds (all due later than the run unless
 * made due), and a day of stories from the feeds.
 */
export async function loadScale(client: pg.Client): Promise<void> {
  const { tenants, channels, feeds } = SCALE;
  const stories = Math.round(feeds * SCALE.storiesPerFeedDay);
  const day = new Date(SLOT.getTime() - 86_400_000).toISOString();
  const later = new Date(SLOT.getTime() + 86_400_000).toISOString();
  const feedsPerTenant = Math.max(1, Math.floor(feeds / tenants));
  const peak = Math.round(channels * SCALE.peakShare);
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
  await q("BEGIN");
  await q(
    `INSERT INTO tenants (id, platform, external_id, name, created_at)
     SELECT 't' || g, 'slack', 'T' || g, NULL, $1 FROM generate_series(0, $2 - 1) g`,
    [day, tenants],
  );
  await q(
    `INSERT INTO feeds (id, tenant_id, url, title, etag, last_modified, last_polled_at, next_poll_at,
       last_error, error_count, lease_owner, lease_until, created_at)
     SELECT 'f' || g, 't' || (g / $3), 'https://feed' || g || '.example/rss', NULL, 'e', NULL, $1, $2,
       NULL, 0, NULL, NULL, $1 FROM generate_series(0, $4 - 1) g`,
    [day, later, feedsPerTenant, feeds],
  );
  await q(
    `INSERT INTO channels (id, tenant_id, external_id, name, timezone, created_at)
     SELECT 'c' || g, 't' || (g % $2), 'C' || g, NULL, NULL, $1 FROM generate_series(0, $3 - 1) g`,
    [day, tenants, channels],
  );
  await q(
    `INSERT INTO subscriptions (tenant_id, channel_id, feed_id, created_at)
     SELECT 't' || (g % $2), 'c' || g, 'f' || ((g % $2) * $3 + ((g / $2 + k * 7) % $3)), $1
     FROM generate_series(0, $4 - 1) g, generate_series(0, 1) k`,
    [day, tenants, feedsPerTenant, channels],
  );
  // The peak share at SLOT; the rest one minute apart over the day after it (never due in the run).
  await q(
    `INSERT INTO schedules (channel_id, tenant_id, spec, timezone, next_slot_at, paused_reason, paused_at,
       created_at, updated_at)
     SELECT 'c' || g, 't' || (g % $3), 'daily 08:00', 'UTC',
       CASE WHEN g < $4 THEN $1::text ELSE to_char(($1::text::timestamptz + ((g % 1439) + 1) * interval '1 minute')
         AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END,
       NULL, NULL, $2, $2 FROM generate_series(0, $5 - 1) g`,
    [SLOT.toISOString(), day, tenants, peak, channels],
  );
  await q(
    `INSERT INTO articles (id, tenant_id, content_hash, source, url, canonical_url, title, text, byline,
       published, updated, site_name, language, created_at)
     SELECT 'a' || g, 't' || ((g % $3) / $4), md5('a' || g), 'feed', 'https://news.example/' || g, NULL,
       'Bridge ' || g || ' to reopen', 'Officials in district ' || g || ' said on Monday that the bridge would reopen next week. "We expect traffic to return to normal," said Maria Lopez, the transport director.',
       NULL, NULL, NULL, 'News', 'en', to_char(($1::timestamptz + (g % 1440) * interval '1 minute') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
     FROM generate_series(0, $2 - 1) g`,
    [day, stories, feeds, feedsPerTenant],
  );
  await q(
    `INSERT INTO feed_articles (tenant_id, feed_id, article_id, added_at)
     SELECT tenant_id, 'f' || (substr(id, 2)::int % $1), id, created_at FROM articles`,
    [feeds],
  );
  await q(
    `INSERT INTO stories (id, tenant_id, story_key, title, version, brief_json, brief_hash, article_count,
       created_at, updated_at)
     SELECT 's' || substr(id, 2), tenant_id, 'k' || substr(id, 2), title, 1,
       replace($1, '#N#', substr(id, 2)), md5(id), 1, created_at, created_at FROM articles`,
    [briefTemplate],
  );
  await q(
    `INSERT INTO story_articles (tenant_id, story_id, article_id, added_at)
     SELECT tenant_id, 's' || substr(id, 2), id, created_at FROM articles`,
  );
  await q("COMMIT");
  await q("ANALYZE");
}
