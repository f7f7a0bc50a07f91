/** Where a thread's story mapping came from; auto-briefs are counted per channel by it. */
export type ThreadOrigin = "mention" | "autolink" | "digest" | "alert" | "shortcut";

/** A chat message the bot posted about stories, so replies in its thread know what they are about. */
export interface ThreadRef {
  /** The platform's channel id (Slack C…, Discord snowflake). */
  channel: string;
  /** The id of the message the thread hangs off: a Slack ts, a Discord message id. */
  thread: string;
}

/** How a channel treats links posted in it (`/newsdesk autolinks`). */
export interface ChannelConversation {
  /** ISO time auto-briefs were turned on; undefined when they are off. */
  autolinksSince?: string;
  /** Slack only: domains whose links are unfurled with their brief. */
  unfurlDomains: string[];
}

export interface ThreadStore {
  /**
   * Records the stories a message showed, in order (a brief: one; a digest: its items). Recording
   * the same thread again replaces its list (a digest part posted twice stays one list).
   */
  remember(
    tenantId: string,
    ref: ThreadRef,
    storyIds: string[],
    origin: ThreadOrigin,
    now?: Date,
  ): Promise<void>;
  /** The thread's stories in the order shown; [] for a thread the bot never posted stories in. */
  storiesOf(tenantId: string, ref: ThreadRef): Promise<string[]>;
  /** How many threads of `origin` were recorded in the channel since `since` (rate limits). */
  countSince(tenantId: string, channel: string, origin: ThreadOrigin, since: Date): Promise<number>;
  conversation(tenantId: string, channel: string): Promise<ChannelConversation>;
  setConversation(
    tenantId: string,
    channel: string,
    settings: ChannelConversation,
    now?: Date,
  ): Promise<void>;
}
