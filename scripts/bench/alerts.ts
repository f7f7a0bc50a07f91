import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { StoryBrief } from "../../src/core/types.js";
import { alertToReply } from "../../src/digest/alert-reply.js";
import { createAlertRunner } from "../../src/digest/alert-runner.js";
import type { AlertPoster } from "../../src/digest/alert-types.js";
import { ManualClock } from "../../src/digest/clock.js";
import { renderText } from "../../src/render/text.js";
import { openPostgres, openSqlite, type Store } from "../../src/store/index.js";
import { PG_URL } from "./digest-data.js";
import type { BenchSection } from "./types.js";

/**
 * `npm run bench -- --only alerts`: 1,000 alert-mode feeds followed by 500 channels (4 each, 10
 * workspaces); one poll cycle brings 3 new stories per feed, so each channel has 12 — past the
 * limit of 6 an hour. The timed part is one alert tick: every channel leased, its alerts planned,
 * claimed, rendered to text (the console poster's work) and recorded as posted. Flood control
 * must hold: at most 6 alerts and 1 fold per channel. Target: ≤ 60 s.
 */
const FEEDS = 1000;
const CHANNELS = 500;
const FEEDS_PER_CHANNEL = 4;
const NEW_PER_FEED = 3;
const TENANTS = 10;
const PER_HOUR = 6;
const T0 = new Date("2026-05-04T08:00:00Z");

function brief(n: number): StoryBrief {
  return {
    title: `Story ${n}: the council of district ${n} approves the harbour plan`,
    engine: "extractive",
    engineVersion: "bench",
    language: "en",
    keyPoints: [
      { text: `The council of district ${n} approved the harbour plan on Monday.`, sentences: [0] },
      { text: `Work on the plan will cost ${n * 10} thousand euros.`, sentences: [1] },
      { text: "Critics asked how it will be paid for.", sentences: [2] },
    ],
    quotes: [
      {
        quote: `We waited ${n} years`,
        speaker: "Maria Lopez",
        speakerConfidence: "high",
        sentence: 3,
        start: 0,
        end: 1,
      },
    ],
    openQuestions: [],
    entities: [],
    notes: [],
  };
}

export async function seed(store: Store, clock: ManualClock) {
  const tenants = [];
  for (let t = 0; t < TENANTS; t++)
    tenants.push(await store.tenants.ensure({ platform: "console", externalId: `w${t}` }));
  const feeds: { tenantId: string; id: string }[] = [];
  for (let f = 0; f < FEEDS; f++) {
    const tenant = tenants[f % TENANTS]!;
    const feed = await store.feeds.add(tenant.id, { url: `https://site${f}.example/rss` }, clock.now());
    feeds.push({ tenantId: tenant.id, id: feed.id });
  }
  // Channel c of workspace t follows 4 of that workspace's feeds, all in alert mode, started.
  for (let c = 0; c < CHANNELS; c++) {
    const tenant = tenants[c % TENANTS]!;
    const channel = await store.channels.ensure(tenant.id, { externalId: `C${c}` });
    const own = feeds.filter((f) => f.tenantId === tenant.id);
    for (let k = 0; k < FEEDS_PER_CHANNEL; k++) {
      const feed = own[(Math.floor(c / TENANTS) * FEEDS_PER_CHANNEL + k) % own.length]!;
      await store.feeds.subscribe(tenant.id, channel.id, feed.id);
      await store.alerts.setMode(tenant.id, channel.id, feed.id, { mode: "alert" }, clock.now());
    }
  }
  for (const f of feeds) await store.alertWorker.start(f.id, clock.now());
  // One poll cycle's new items.
  clock.advance(60_000);
  let n = 0;
  for (const f of feeds) {
    for (let i = 0; i < NEW_PER_FEED; i++) {
      n++;
      const text = `Article ${n}. ${brief(n)
        .keyPoints.map((k) => k.text)
        .join(" ")}`;
      const saved = await store.articles.save(
        f.tenantId,
        {
          id: `a${n}`,
          title: brief(n).title,
          text,
          contentHash: createHash("sha256").update(text).digest("hex"),
          source: "feed",
          url: `https://site.example/${n}`,
        },
        { feedId: f.id },
        clock.now(),
      );
      const b = brief(n);
      await store.stories.save(
        f.tenantId,
        { storyKey: `s${n}`, title: b.title, brief: b, articleIds: [saved.id] },
        clock.now(),
      );
    }
  }
  return n;
}

async function runOne(kind: "sqlite" | "postgres") {
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-bench-alerts-"));
  const schema = `nd_bench_alerts_${process.pid}`;
  const store =
    kind === "sqlite"
      ? await openSqlite(join(dir, "newsdesk.db"))
      : await openPostgres(PG_URL, { pgSchema: schema, poolSize: 10 });
  try {
    const clock = new ManualClock(T0);
    const stories = await seed(store, clock);
    clock.advance(30_000);
    const perChannel = new Map<string, { alerts: number; folds: number }>();
    let bytes = 0;
    const poster: AlertPoster = {
      async postAlert(alert, { nonce }) {
        bytes += renderText(alertToReply(alert)).length; // the console poster's work
        const c = perChannel.get(alert.channelId) ?? { alerts: 0, folds: 0 };
        if (alert.kind === "fold") c.folds++;
        else c.alerts++;
        perChannel.set(alert.channelId, c);
        return { messageId: `console-${nonce}` };
      },
    };
    const runner = createAlertRunner({ store, poster, clock, maxPerHour: PER_HOUR });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const report = await runner.tick();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const floodHeld = [...perChannel.values()].every((c) => c.alerts <= PER_HOUR && c.folds <= 1);
    return {
      kind,
      stories,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      report,
      floodHeld,
      bytes,
      channels: perChannel.size,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    if (kind === "postgres") {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  }
}

async function postgresUp(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

export const alertsBench: BenchSection = {
  name: "alerts",
  async run(ctx) {
    const kinds: ("sqlite" | "postgres")[] = [
      "sqlite",
      ...((await postgresUp()) ? (["postgres"] as const) : []),
    ];
    if (kinds.length === 1) ctx.log(`alerts postgres: SKIPPED (no PostgreSQL at ${PG_URL})`);
    for (const kind of kinds) {
      const r = await runOne(kind);
      const ok = r.seconds <= 60 && r.floodHeld && r.channels === CHANNELS;
      ctx.log(
        `alerts ${kind}: ${FEEDS} alert feeds, ${CHANNELS} channels × ${FEEDS_PER_CHANNEL} feeds, ${r.stories} new stories in one poll cycle: ${r.report.alerts} alerts + ${r.report.folds} fold messages (${r.report.folded} stories folded) composed and posted to the console poster in ${r.seconds.toFixed(1)} s (${r.cpuSeconds.toFixed(1)} s CPU, load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores); flood control ≤ ${PER_HOUR} alerts + 1 fold per channel per hour: ${r.floodHeld ? "held" : "BROKEN"} — target ≤ 60 s: ${ok ? "OK" : "MISSED"}`,
      );
    }
  },
};
