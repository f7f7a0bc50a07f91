import { createHash } from "node:crypto";
import type { Logger } from "pino";
import { infoReply, type Reply } from "../render/reply.js";
import type { Feed, Store } from "../store/types.js";

/** A plain notice to one channel (not a digest): posted once, through the digests' poster. */
export interface FeedNotice {
  tenantId: string;
  channelExternalId: string;
  reply: Reply;
  /** Stable per (channel, feed, change): a platform that dedupes by nonce posts it once. */
  nonce: string;
}

export interface FeedNoticePoster {
  postNotice(notice: FeedNotice): Promise<void>;
}

/** What a channel is told of a feed: failing, disabled, or (null) fine again. */
export type FeedHealth = "failing" | "disabled" | null;

/** Consecutive failed polls before a channel is told: one timeout is not news, two in a row is. */
export const FAILURES_BEFORE_NOTICE = 2;

/** The feed's health after a poll, from its error count before it and the poll's outcome. */
export function healthAfterPoll(
  feed: Pick<Feed, "errorCount">,
  outcome: { error?: string; disabled?: string },
): FeedHealth | "unchanged" {
  if (outcome.disabled) return "disabled";
  if (outcome.error) return feed.errorCount + 1 >= FAILURES_BEFORE_NOTICE ? "failing" : "unchanged";
  return null;
}

function noticeReply(
  feed: Pick<Feed, "url" | "title">,
  health: FeedHealth,
  why: string | undefined,
  failures: number,
): Reply {
  const name = feed.title ? `“${feed.title}” (${feed.url})` : feed.url;
  if (health === "disabled")
    return {
      ...infoReply(
        "Feed stopped",
        `Newsdesk stopped reading ${name}: ${why ?? "it kept failing"}.\nIf the feed moved, /feeds add its new address; otherwise /feeds remove ${feed.url}.`,
      ),
      ephemeral: false,
    };
  if (health === "failing")
    return {
      ...infoReply(
        "Feed failing",
        `${name} failed ${failures} times in a row: ${why ?? "it could not be read"}.\nNewsdesk keeps trying. If the address is wrong, /feeds remove ${feed.url} and /feeds add the right one.`,
      ),
      ephemeral: false,
    };
  return {
    ...infoReply("Feed back", `${name} can be read again; its new stories come here as before.`),
    ephemeral: false,
  };
}

/**
 * Tells every channel that follows a feed when it starts failing, is disabled, or recovers — once
 * per change and channel, whichever instance polled it: the change is claimed on the
 * subscription first (a compare-and-set), and only the claimer posts. A recovery is said only to
 * channels that were told of the failure.
 */
export async function announceFeedHealth(
  deps: { store: Store; poster: FeedNoticePoster; logger?: Pick<Logger, "warn"> },
  feed: Feed,
  health: FeedHealth,
  why: string | undefined,
): Promise<number> {
  const subscribers = await deps.store.filters.subscribers(feed.tenantId, feed.id);
  let told = 0;
  for (const s of subscribers) {
    if (s.noticeState === health) continue;
    if (health === null && s.noticeState === null) continue;
    if (!(await deps.store.filters.claimNotice(feed.tenantId, s.channelId, feed.id, health))) continue;
    const nonce = createHash("sha256")
      .update(`${s.channelId}|${feed.id}|${health ?? "ok"}|${feed.errorCount}|${feed.lastPolledAt ?? ""}`)
      .digest("hex")
      .slice(0, 24);
    try {
      await deps.poster.postNotice({
        tenantId: feed.tenantId,
        channelExternalId: s.channelExternalId,
        reply: noticeReply(feed, health, why, feed.errorCount + 1),
        nonce,
      });
      told++;
    } catch (err) {
      // Claimed but not delivered: logged, not retried (a notice is not worth a second copy).
      deps.logger?.warn(
        { feed: feed.url, err: err instanceof Error ? err.message : String(err) },
        "feed notice failed",
      );
    }
  }
  return told;
}
