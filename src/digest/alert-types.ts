import { z } from "zod";

/**
 * The neutral alert message, stored with its claim so a resumed post says exactly what the first
 * attempt would have. Plain text only: the platform renderers escape it (no mentions, no markup);
 * the one mention Newsdesk sends, `notify`, is added by the poster from an admin's setting.
 */
const quoteSchema = z.object({
  quote: z.string(),
  speaker: z.string().nullable(),
  role: z.string().optional(),
  speakerConfidence: z.enum(["high", "low"]).optional(),
});

/** What the channel was shown of a story, kept so the next version's "what is new" can be said. */
export const alertSnapshotSchema = z.object({
  keyPoints: z.array(z.string()),
  quotes: z.array(z.string()),
});

export const alertMessageSchema = z.object({
  kind: z.enum(["alert", "update", "fold"]),
  tenantId: z.string(),
  channelId: z.string(),
  channelExternalId: z.string(),
  /** Story title (alert, update) or "And 9 more stories" (fold). */
  title: z.string(),
  url: z.string().optional(),
  siteName: z.string().nullable().optional(),
  /** Two key points (alert); what is new (update); the folded stories' titles (fold). */
  lines: z.array(z.string()),
  topQuote: quoteSchema.optional(),
  /** A fold's footer: how to see the stories it stands for. */
  footer: z.string().optional(),
  /** `discord-role:<id>` / `slack-subteam:<id>`, as an admin configured it for the feed. */
  notify: z.string().optional(),
  /** The story's first alert in the channel: an update replies to it (thread / message reference). */
  replyTo: z.string().optional(),
  snapshot: alertSnapshotSchema.optional(),
  /** A fold's stories, in the order its lines list them: its thread is about them. */
  storyIds: z.array(z.string()).optional(),
});

export type AlertMessage = z.infer<typeof alertMessageSchema>;
export type AlertSnapshot = z.infer<typeof alertSnapshotSchema>;

/** What a platform needs besides the message to post it exactly once (as for digests). */
export interface AlertPostContext {
  nonce: string;
  attempt: number;
  resumedSince?: string;
  /** The story an alert or update is about (none for a fold): its message's thread is about it. */
  storyId?: string;
  /** A fold's stories, in the order listed: its thread is about them ("2 more" is the second). */
  storyIds?: string[];
}

/** Implemented by the platform poster (and stand-ins). Throw DigestPostError on failure. */
export interface AlertPoster {
  postAlert(alert: AlertMessage, context: AlertPostContext): Promise<{ messageId: string }>;
}
