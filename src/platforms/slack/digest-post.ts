import type { webApi } from "@slack/bolt";
import type { SlackMessage } from "../../render/slack.js";

type WebClient = webApi.WebClient;

/** The message metadata event type every part of a digest carries (see ADR 0024). */
export const DIGEST_EVENT_TYPE = "newsdesk_digest";

/** Which digest a post belongs to: its run's nonce, and when its first attempt was recorded. */
export interface SlackDigestPost {
  nonce: string;
  /** Set when an earlier attempt may have posted some parts: look in the channel first. */
  resumedSince?: string;
  /** Told every part's ts (replies in any part's thread know the digest's stories). */
  onParts?: (ts: string[]) => void;
}

/** Of a digest found in a channel: part index → message ts. */
export type FoundParts = Map<number, string>;

/**
 * History errors that mean "this bot cannot read the channel" rather than "try later": the bot
 * posts there through chat:write.public without being a member, or the install predates the
 * *:history scopes. Recovery then cannot tell what was posted.
 */
const UNREADABLE = new Set(["not_in_channel", "missing_scope", "channel_not_found", "no_permission"]);

/** How far before the recorded intent we look: Slack's clock and ours may disagree a little. */
const CLOCK_SLACK_MS = 5 * 60_000;
/** Pages of history read at most (100 messages each) before giving up on finding the digest. */
const MAX_PAGES = 5;

/**
 * Looks for the parts of the digest with `nonce` posted since `since` (ISO): the channel's history
 * from shortly before then, with message metadata. Undefined when the bot may not read the
 * channel; other failures (rate limits, outages) throw, so the run is retried rather than guessed.
 */
export async function findDigestParts(
  client: WebClient,
  input: { token?: string; channel: string; nonce: string; since: string },
): Promise<FoundParts | undefined> {
  const found: FoundParts = new Map();
  const oldest = ((Date.parse(input.since) - CLOCK_SLACK_MS) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let res: Awaited<ReturnType<WebClient["conversations"]["history"]>>;
    try {
      res = await client.conversations.history({
        ...(input.token ? { token: input.token } : {}),
        channel: input.channel,
        oldest,
        limit: 100,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      });
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code && UNREADABLE.has(code)) return undefined;
      throw err;
    }
    for (const m of res.messages ?? []) {
      const meta = m.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
      if (meta?.event_type !== DIGEST_EVENT_TYPE || meta.event_payload?.nonce !== input.nonce) continue;
      const part = Number(meta.event_payload.part ?? 0);
      if (m.ts && Number.isInteger(part)) found.set(part, m.ts);
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) break;
  }
  return found;
}

/**
 * Posts a digest's messages, each with metadata naming the digest and the part, so recovery can
 * find them. Resumed (`resumedSince`), it first reads which parts are already in the channel and
 * posts only the missing ones, in order: a digest cut off after part 2 of 4 is completed, not
 * repeated. Returns the first part's ts. `unreadable` is told when the channel's history could not
 * be read and every part is posted again (the one case left where a digest can appear twice).
 */
export async function postDigestParts(
  client: WebClient,
  input: {
    token?: string;
    channel: string;
    messages: SlackMessage[];
    digest: SlackDigestPost;
    unreadable?: () => void;
    /** An alert's update: posted as a thread reply to this message. */
    threadTs?: string;
  },
): Promise<string> {
  const { token, channel, messages, digest } = input;
  let found: FoundParts = new Map();
  if (digest.resumedSince) {
    const seen = await findDigestParts(client, {
      token,
      channel,
      nonce: digest.nonce,
      since: digest.resumedSince,
    });
    if (seen) found = seen;
    else input.unreadable?.();
  }
  const ts: string[] = [];
  for (const [part, m] of messages.entries()) {
    const earlier = found.get(part);
    if (earlier) {
      ts.push(earlier);
      continue;
    }
    const r = await client.chat.postMessage({
      ...(token ? { token } : {}),
      channel,
      text: m.text,
      blocks: m.blocks,
      unfurl_links: false,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      metadata: {
        event_type: DIGEST_EVENT_TYPE,
        event_payload: { nonce: digest.nonce, part, parts: messages.length },
      },
    });
    ts.push(r.ts ?? "");
  }
  digest.onParts?.(ts.filter(Boolean));
  return ts[0] ?? "";
}
