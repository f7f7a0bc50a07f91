import { createHash, randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { AlertCandidate, AlertChannelRef, AlertPost, NewAlertPost, Store } from "../store/types.js";
import {
  type AlertTarget,
  composeAlert,
  composeFold,
  composeUpdate,
  snapshotOf,
  whatChanged,
} from "./alert-compose.js";
import { alertGateFor } from "./alert-gate.js";
import {
  type AlertMessage,
  type AlertPoster,
  alertMessageSchema,
  alertSnapshotSchema,
} from "./alert-types.js";
import type { Clock } from "./clock.js";
import { DigestPostError } from "./types.js";

export interface AlertRunnerOptions {
  store: Store;
  poster: AlertPoster;
  clock: Clock;
  /** Flood control: at most this many alerts and updates per channel per rolling hour (ALERTS_PER_HOUR). */
  maxPerHour: number;
  owner?: string;
  /** How long a channel is ours while planning and posting (default 2 min). */
  leaseMs?: number;
  /** Channels handled at once (default 8). */
  concurrency?: number;
  maxAttempts?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Stories older than this are not alerted (default 24 h): a bot back from downtime does not replay a day. */
  lookbackMs?: number;
  logger?: Pick<Logger, "info" | "warn" | "error">;
}

export interface AlertReport {
  channels: number;
  alerts: number;
  updates: number;
  folds: number;
  /** Stories folded into "and N more" messages. */
  folded: number;
  retried: number;
  failed: number;
}

const HOUR = 3_600_000;

const nonceOf = (...parts: string[]) =>
  createHash("sha256").update(parts.join("|")).digest("hex").slice(0, 24);

/**
 * Posts each new story of an alert-mode subscription as it arrives (ADR 0025). Per channel, under
 * a lease (one instance at a time, so the hourly limit holds across instances): unfinished posts
 * are resumed first; otherwise the new stories and updates are planned, the ones past the limit
 * folded into one "and N more" message (at most one fold an hour; later overflow waits for the
 * next), and everything claimed in one transaction under the unique (channel, story, version)
 * before anything is sent. Each post commits its intent first and is looked for on the platform
 * when resumed — the digest runs' protocol (ADR 0021, 0024).
 */
export function createAlertRunner(opts: AlertRunnerOptions) {
  const { store, clock } = opts;
  const worker = store.alertWorker;
  const owner = opts.owner ?? `alerts-${randomUUID()}`;
  const leaseMs = opts.leaseMs ?? 120_000;
  const maxAttempts = opts.maxAttempts ?? 5;
  const backoffMs = opts.backoffMs ?? 30_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 30 * 60_000;
  const lookbackMs = opts.lookbackMs ?? 24 * HOUR;

  async function plan(ref: AlertChannelRef, report: AlertReport): Promise<AlertPost[]> {
    const now = clock.now();
    const candidates = await store.alerts.candidates(
      ref.tenantId,
      ref.channelId,
      new Date(now.getTime() - lookbackMs),
    );
    if (!candidates.length) return [];
    const ids = candidates.map((c) => c.storyId);
    const [subs, stories, links, recent, gate] = await Promise.all([
      store.alerts.subscriptions(ref.tenantId, ref.channelId),
      store.stories.getMany(ref.tenantId, ids),
      store.stories.links(ref.tenantId, ids),
      store.alerts.recent(ref.tenantId, ref.channelId, new Date(now.getTime() - HOUR)),
      alertGateFor(store, ref.tenantId, ref.channelId),
    ]);
    const notifyOf = new Map(subs.map((s) => [s.feedId, s.notify ?? undefined]));
    const byId = new Map(stories.map((s) => [s.id, s]));
    const target: AlertTarget = {
      tenantId: ref.tenantId,
      channelId: ref.channelId,
      channelExternalId: ref.externalId,
    };
    const quiet: NewAlertPost[] = [];
    const messages: { c: AlertCandidate; row: NewAlertPost; title: string }[] = [];
    for (const c of candidates) {
      const story = byId.get(c.storyId);
      // Changed between the two reads: the next tick sees the newer version.
      if (!story || story.version !== c.version) continue;
      // Removed, or muted by its brief: not posted and not recorded, so unmuting within the
      // lookback lets it through like a digest would.
      if (gate(story)) continue;
      const storyLinks = links.get(c.storyId) ?? [];
      const notify = notifyOf.get(c.feedId);
      const before = c.previous && c.previous.kind !== "folded" ? snapshotBefore(c.previous.body) : undefined;
      let message: AlertMessage;
      if (before) {
        const changes = whatChanged(before, {
          keyPoints: story.brief.keyPoints.map((k) => k.text),
          quotes: story.brief.quotes,
        });
        if (!changes.length) {
          // A repeat or a reworded source: recorded, so it is not looked at again, and not posted.
          quiet.push(row(c, "unchanged", { snapshot: snapshotOf(story) }));
          continue;
        }
        message = composeUpdate(target, story, storyLinks, changes, c.firstMessageId, notify);
      } else message = composeAlert(target, story, storyLinks, notify);
      messages.push({ c, row: row(c, message.kind, message, message.replyTo), title: message.title });
    }
    // The newest get the hour's remaining alerts (posted oldest first); the rest are folded.
    messages.sort((a, b) => b.c.updatedAt.localeCompare(a.c.updatedAt));
    const budget = Math.max(0, opts.maxPerHour - recent.messages);
    const sendNow = messages.slice(0, budget).reverse();
    const overflow = messages.slice(budget);
    const rows = [...quiet, ...sendNow.map((m) => m.row)];
    if (overflow.length && !recent.lastFoldAt) {
      const fold = composeFold(
        target,
        overflow.map((m) => ({ storyId: m.c.storyId, title: m.title.replace(/^Update: /, "") })),
        opts.maxPerHour,
      );
      rows.push({
        storyId: null,
        version: 0,
        kind: "fold",
        body: fold,
        nonce: nonceOf(ref.channelId, "fold", now.toISOString()),
      });
      report.folded += overflow.length;
      for (const m of overflow)
        rows.push({ ...m.row, kind: "folded", body: { snapshot: (m.row.body as AlertMessage).snapshot } });
    }
    // Past the limit with this hour's fold already posted: those stories wait for the next hour.
    const recorded = new Set(rows.map((r) => r.storyId));
    const backfilled = [
      ...new Set(candidates.filter((c) => c.backfill && recorded.has(c.storyId)).map((c) => c.feedId)),
    ];
    if (!rows.length) return [];
    return worker.claim(ref, rows, backfilled, now);
  }

  function row(c: AlertCandidate, kind: NewAlertPost["kind"], body: unknown, replyTo?: string): NewAlertPost {
    return {
      storyId: c.storyId,
      version: c.version,
      kind,
      body,
      nonce: nonceOf(c.storyId, String(c.version), kind),
      ...(replyTo ? { replyTo } : {}),
    };
  }

  /** Posts one claimed row; false when it failed (the channel's later rows wait, keeping their order). */
  async function post(p: AlertPost, report: AlertReport): Promise<boolean> {
    const alert = alertMessageSchema.parse(p.body);
    const resumedSince = p.status === "posting" ? (p.postingAt ?? p.createdAt) : undefined;
    try {
      if (!resumedSince) await worker.markPosting(p.id, clock.now());
      const { messageId } = await opts.poster.postAlert(alert, {
        nonce: p.nonce,
        attempt: p.attempts + 1,
        ...(resumedSince ? { resumedSince } : {}),
        ...(p.storyId && p.kind !== "fold" ? { storyId: p.storyId } : {}),
        ...(p.kind === "fold" && alert.storyIds?.length ? { storyIds: alert.storyIds } : {}),
      });
      const shown =
        p.storyId && alert.snapshot
          ? [{ storyId: p.storyId, version: p.version, keyPoints: alert.snapshot.keyPoints }]
          : [];
      await worker.markPosted(p.id, messageId, shown, clock.now());
      if (p.kind === "alert") report.alerts++;
      else if (p.kind === "update") report.updates++;
      else report.folds++;
      return true;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const permanent = err instanceof DigestPostError && err.permanent;
      const attempts = p.attempts + 1;
      if (permanent || attempts >= maxAttempts) {
        await worker.markFailed(
          p.id,
          `alert not posted after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${reason}`,
          clock.now(),
        );
        opts.logger?.error({ channelId: p.channelId, alert: p.id, err: reason }, "alert failed");
        report.failed++;
        return false;
      }
      const hinted = err instanceof DigestPostError ? err.retryAfterMs : undefined;
      const delay = Math.max(hinted ?? 0, Math.min(maxBackoffMs, backoffMs * 2 ** (attempts - 1)));
      const nothingSent = err instanceof DigestPostError && err.nothingSent && p.status !== "posting";
      await worker.markRetry(p.id, reason, new Date(clock.now().getTime() + delay), nothingSent);
      opts.logger?.warn({ channelId: p.channelId, alert: p.id, err: reason, delay }, "alert retry");
      report.retried++;
      return false;
    }
  }

  /**
   * A claimed post waiting for its retry is checked again before it is sent: a story removed or
   * muted meanwhile is closed without a post (its later update rows too, being the same story).
   */
  async function stillWanted(ref: AlertChannelRef, rows: AlertPost[]): Promise<AlertPost[]> {
    const ids = [...new Set(rows.flatMap((r) => (r.storyId && r.kind !== "fold" ? [r.storyId] : [])))];
    if (!ids.length) return rows;
    const [stories, gate] = await Promise.all([
      store.stories.getMany(ref.tenantId, ids),
      alertGateFor(store, ref.tenantId, ref.channelId),
    ]);
    const blocked = new Map<string, string>();
    for (const s of stories) {
      const reason = gate(s);
      if (reason) blocked.set(s.id, reason);
    }
    const keep: AlertPost[] = [];
    for (const r of rows) {
      const reason = r.storyId && r.kind !== "fold" ? blocked.get(r.storyId) : undefined;
      if (reason) await worker.markSkipped(r.id, `not posted: ${reason}`, clock.now());
      else keep.push(r);
    }
    return keep;
  }

  async function runChannel(ref: AlertChannelRef, report: AlertReport): Promise<void> {
    if (!(await worker.leaseChannel(ref, owner, clock.now(), leaseMs))) return;
    try {
      report.channels++;
      const unfinished = await worker.unfinished(ref.channelId);
      const nowIso = clock.now().toISOString();
      // Unfinished posts go first, in order; new ones are planned only once none is left.
      const work = unfinished.length
        ? await stillWanted(
            ref,
            unfinished.filter((u) => u.nextAttemptAt <= nowIso),
          )
        : await plan(ref, report);
      for (const p of work) if (!(await post(p, report))) break;
    } finally {
      await worker.releaseChannel(ref.channelId, owner);
    }
  }

  return {
    owner,
    async tick(): Promise<AlertReport> {
      const report: AlertReport = {
        channels: 0,
        alerts: 0,
        updates: 0,
        folds: 0,
        folded: 0,
        retried: 0,
        failed: 0,
      };
      const channels = await worker.channels();
      let i = 0;
      const workers = Array.from({ length: Math.min(opts.concurrency ?? 8, channels.length) }, async () => {
        while (i < channels.length) {
          const ref = channels[i++]!;
          try {
            await runChannel(ref, report);
          } catch (err) {
            opts.logger?.error(
              { channelId: ref.channelId, err: err instanceof Error ? err.message : String(err) },
              "alert channel failed",
            );
          }
        }
      });
      await Promise.all(workers);
      return report;
    },
  };
}

export type AlertRunner = ReturnType<typeof createAlertRunner>;

function snapshotBefore(body: unknown) {
  const parsed = alertSnapshotSchema.safeParse((body as { snapshot?: unknown } | null)?.snapshot);
  return parsed.success ? parsed.data : undefined;
}
