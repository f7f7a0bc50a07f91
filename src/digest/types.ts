import { z } from "zod";

/**
 * The neutral digest: what one scheduled post says, before any platform formatting. Plain text
 * only (no markup, no mentions); the Discord/Slack/console renderers escape it for their platform.
 */
export const digestItemSchema = z.object({
  storyId: z.string(),
  /** Story version shown; the channel is marked as having seen it once posted. */
  version: z.number().int().positive(),
  title: z.string(),
  links: z.array(z.object({ title: z.string(), url: z.string(), siteName: z.string().nullable() })),
  /** 2–3 key points (fewer only when the story has fewer). */
  keyPoints: z.array(z.string()).max(3),
  topQuote: z
    .object({
      quote: z.string(),
      speaker: z.string().nullable(),
      role: z.string().optional(),
      speakerConfidence: z.enum(["high", "low"]).optional(),
    })
    .optional(),
  openQuestion: z.string().optional(),
  /** Present when the channel saw an earlier version of this story. */
  updated: z.object({ whatIsNew: z.array(z.string()).min(1) }).optional(),
  /** Every key point of the shown version, kept so the next "what is new" can be computed. */
  allKeyPoints: z.array(z.string()),
});

export const digestSchema = z.object({
  tenantId: z.string(),
  channelId: z.string(),
  /** The platform's channel id (what the poster posts to). */
  channelExternalId: z.string(),
  /** The scheduled instant, ISO UTC. */
  slot: z.string(),
  timezone: z.string(),
  /** "News digest — Mon 2 Dec 08:00" (local time of the slot). */
  title: z.string(),
  items: z.array(digestItemSchema),
  /** Set when the bot was down over several slots: this one digest stands for all of them. */
  catchUp: z.object({ missedSlots: z.number().int().positive() }).optional(),
  /** No new stories and the channel asked for a "nothing new" post. */
  nothingNew: z.boolean(),
});

export type DigestItem = z.infer<typeof digestItemSchema>;
export type Digest = z.infer<typeof digestSchema>;

/** What a platform needs besides the digest to post it exactly once. */
export interface DigestPostContext {
  /** Stable per (channel, slot): Discord sends it as `nonce` with `enforce_nonce: true`. */
  nonce: string;
  /** 1 on the first try, 2 on the first retry, … */
  attempt: number;
  /**
   * Set when an earlier attempt recorded its intent to post (the run was left "posting" by a crash
   * or a failed try) at this ISO time: all or part of the digest may already be in the channel, so
   * the platform looks for it from then on and posts only what is missing (ADR 0024).
   */
  resumedSince?: string;
}

/** Implemented by each platform (and by stand-ins in tests and the bench). */
export interface DigestPoster {
  /** Posts the digest; resolves with the platform's message id. Throw DigestPostError on failure. */
  post(digest: Digest, context: DigestPostContext): Promise<{ messageId: string }>;
}

/**
 * A failed post. `permanent` (channel gone, bot removed, no permission) pauses the schedule at
 * once; anything else (5xx, timeouts, rate limits) is retried with backoff first.
 */
export class DigestPostError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
    readonly retryAfterMs?: number,
    /** Nothing reached the platform (it is not connected): the retry need not look for the post. */
    readonly nothingSent = false,
  ) {
    super(message);
    this.name = "DigestPostError";
  }
}
