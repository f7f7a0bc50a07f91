import type { StoryBrief } from "../core/types.js";

/**
 * The port the command layer talks to. Commands never import the store, ingest, QA or digest
 * modules directly: `src/app/wiring.ts` composes the store-backed services of ./services/ (the
 * one implementation; tests open it on an in-memory SQLite store). Every method is tenant-scoped (a Discord guild, a Slack
 * team, or the local console) so one workspace can never see another's stories or settings.
 */

export type Platform = "discord" | "slack" | "console";

/**
 * An error whose message is meant for the person who typed the command, with an optional hint
 * saying what to do next. Anything else thrown by a service is logged and shown as a generic
 * failure, so internal details never leak into a channel.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

export interface StorySummary {
  id: string;
  title: string;
  url?: string;
  /** ISO 8601. */
  addedAt: string;
  articleCount: number;
}

export interface StoryView extends StorySummary {
  brief: StoryBrief;
  /** ISO 8601: `/stories remove` took it out of lists and digests. */
  removedAt?: string;
}

/** What `/add` did with an article: filed it, or found it already in a story. */
export interface AddedStory extends StoryView {
  /** The article was already in this story (same text or same address): nothing was filed again. */
  alreadyIn?: true;
}

export interface NewArticleText {
  text: string;
  title?: string;
  source: "paste" | "file";
}

export interface NewArticleHtml {
  html: string;
  source: "paste" | "file";
}

export interface StoryService {
  /** Most recent first. */
  list(tenant: string, limit: number): Promise<StorySummary[]>;
  /** By id or title fragment; the most recent story when `ref` is undefined; null when none matches. */
  resolve(tenant: string, ref: string | undefined): Promise<StoryView | null>;
  /** For autocomplete: stories whose title or id starts with / contains `query`. */
  search(tenant: string, query: string, limit: number): Promise<StorySummary[]>;
  /** `channelId` (platform id) is where it was posted: that channel's digests include it. */
  addText(tenant: string, article: NewArticleText, channelId?: string): Promise<AddedStory>;
  /** A web page given as HTML (pasted, a console file): extracted like a fetched page, then added. */
  addHtml(tenant: string, page: NewArticleHtml, channelId?: string): Promise<AddedStory>;
  /** Fetches and analyses a URL; throws UserFacingError when it cannot be fetched. */
  addUrl(tenant: string, url: string, channelId?: string): Promise<AddedStory>;
  /**
   * Takes a story out of lists and digests (it stays in the store, `/summary` says it was removed);
   * by id or id prefix only — a title fragment could remove the wrong story. Throws
   * UserFacingError when no story has that id.
   */
  remove(tenant: string, ref: string): Promise<StoryView>;
}

export interface QuoteMatch {
  quote: string;
  speaker: string | null;
  role?: string;
  /** "low" when the evidence for the speaker is weak: shown as a guess ("probably …"). */
  speakerConfidence?: "high" | "low";
  storyId: string;
  storyTitle: string;
  score: number;
  /** Not a match: nothing matched, and this is the nearest quote, close enough to offer. */
  closest?: true;
}

export interface Answer {
  /** null when the stories do not say. */
  answer: string | null;
  /** The sentences the answer rests on. */
  sentences: string[];
  storyId?: string;
  storyTitle?: string;
}

export interface QaService {
  /** Best first; empty when nothing matches closely enough. */
  whoSaid(tenant: string, fragment: string, storyId?: string): Promise<QuoteMatch[]>;
  /** Quotes by a speaker (name or description); every quote of the story when speaker is undefined. */
  quotesBy(tenant: string, speaker: string | undefined, storyId?: string): Promise<QuoteMatch[]>;
  ask(tenant: string, question: string, storyId?: string): Promise<Answer>;
}

export interface FeedInfo {
  url: string;
  title?: string;
  /** "ok", "failing: …", "disabled: …"; after an add, why its first read failed. */
  status?: string;
  /** The subscription's filter as typed; absent when it keeps everything. */
  include?: string;
  exclude?: string;
  /** ISO 8601 of the last poll that read the feed. */
  lastSuccessAt?: string;
  /** The last poll's error, while the feed is failing. */
  lastError?: string;
  /** After an add: how many of its current items were filed at once (the first poll), or "later". */
  filed?: number | "later";
  /** "digest" (stories wait for the digest) or "alert" (each new story is posted as it arrives). */
  mode?: "digest" | "alert";
  /** The role / user group an alert pings (`discord-role:<id>`, `slack-subteam:<id>`). */
  notify?: string;
  /** Alert mode only: how many of the newest items the first read posts. */
  backfill?: number;
}

/** A filter change: a value sets it, `none` (or clear/off/-) clears it, undefined leaves it. */
export interface FeedFilterChange {
  include?: string;
  exclude?: string;
}

/** How a channel follows a feed (`/feeds add … mode:alert backfill:3 notify:@role include:…`). */
export interface FollowOptions extends FeedFilterChange {
  mode?: "digest" | "alert";
  /** Alert mode: post this many of the newest items of the first read (default 0: none). */
  backfill?: number;
  /** The stored notify setting; null clears it. */
  notify?: string | null;
}

/** One OPML entry's outcome. */
export interface ImportedFeed {
  url: string;
  title?: string;
  outcome: "added" | "already followed" | "failed";
  /** Why it failed, or a warning for one added anyway (its first read failed). */
  detail?: string;
}

export interface FeedTestResult {
  title: string;
  /** The feed's own address when it differs from the one given (a redirect, a home page's feed link). */
  url?: string;
  /** `summary`: the item's teaser as plain text, for explaining what a filter would do. */
  items: { title: string; url?: string; summary?: string }[];
}

export interface FeedService {
  /**
   * Changes the filter of a feed the channel follows (`feed`: its URL, or part of its URL or
   * title); throws UserFacingError naming the channel's feeds when none or several match.
   */
  filter(tenant: string, channelId: string, feed: string, change: FeedFilterChange): Promise<FeedInfo>;
  add(tenant: string, channelId: string, url: string, options?: FollowOptions): Promise<FeedInfo>;
  /** Switches how the channel follows a feed (by URL or title); null when it does not follow it. */
  setMode(tenant: string, channelId: string, feed: string, options: FollowOptions): Promise<FeedInfo | null>;
  /**
   * Follows every feed of an OPML document (each through the same checked add as `add`);
   * throws UserFacingError when the document cannot be read or is refused.
   */
  importOpml(
    tenant: string,
    channelId: string,
    source: { text: string } | { url: string },
    options?: FollowOptions,
  ): Promise<ImportedFeed[]>;
  /** The channel's feeds as an OPML document. */
  exportOpml(tenant: string, channelId: string): Promise<string>;
  remove(tenant: string, channelId: string, url: string): Promise<boolean>;
  list(tenant: string, channelId: string): Promise<FeedInfo[]>;
  test(url: string): Promise<FeedTestResult>;
}

export interface DigestSettings {
  channelId: string;
  /** As the user typed it ("daily 08:00"). */
  schedule: string;
  timezone: string;
  /** Human echo ("every day at 08:00 Europe/Berlin"). */
  description: string;
  /** ISO 8601 of the next run. */
  nextRun?: string;
  /** Why posting is paused, when it is. */
  paused?: string;
  /** "8 stories at most, full layout, showing key points, quote, open question". */
  options?: string;
}

/** `/digest set stories:5 layout:compact sections:points,quote`: what to change; undefined leaves it. */
export interface DigestOptionsChange {
  stories?: number;
  layout?: string;
  sections?: string;
}

export interface DigestService {
  /**
   * Throws UserFacingError with a valid example when the schedule or timezone is wrong. Without a
   * timezone the channel keeps the one it has; without a schedule (a new timezone only) it keeps
   * its schedule.
   */
  set(
    tenant: string,
    channelId: string,
    schedule: string | undefined,
    timezone?: string,
  ): Promise<DigestSettings>;
  /** Changes the channel's digest options; returns their description. */
  setOptions(tenant: string, channelId: string, change: DigestOptionsChange): Promise<string>;
  show(tenant: string, channelId: string): Promise<DigestSettings | null>;
  off(tenant: string, channelId: string): Promise<boolean>;
  /** Adds words and phrases to the channel's mute list; returns the whole list. */
  mute(tenant: string, channelId: string, terms: string): Promise<string[]>;
  /** Removes terms (all of them when `terms` is undefined); returns what was removed and what is left. */
  unmute(
    tenant: string,
    channelId: string,
    terms?: string,
  ): Promise<{ removed: string[]; remaining: string[] }>;
  muted(tenant: string, channelId: string): Promise<string[]>;
  /** Composes and posts a digest to the channel now. */
  now(tenant: string, channelId: string): Promise<{ posted: boolean; stories: number; reason?: string }>;
}

/** A user's digest of a channel, posted to their DMs on their own schedule (`/digest me`). */
export interface DmDigestService {
  /** Throws UserFacingError with a valid example when the schedule or timezone is wrong. */
  set(tenant: string, channelId: string, userId: string, schedule: string): Promise<DigestSettings>;
  show(tenant: string, channelId: string, userId: string): Promise<DigestSettings | null>;
  off(tenant: string, channelId: string, userId: string): Promise<boolean>;
}

/** Where a thread's stories came from: a brief asked for, an auto-brief, a digest, an alert. */
export type ThreadOrigin = "mention" | "autolink" | "digest" | "alert" | "shortcut";

export interface AutolinkSettings {
  on: boolean;
  /** Slack: domains whose links are unfurled with their brief (lower case, no "www."). */
  unfurlDomains: string[];
}

/**
 * Which stories chat threads are about (issue 15): written when the bot posts a brief, a digest or
 * an alert, read when someone replies in that thread, so the reply is answered about its story.
 * `channelId` and `threadId` are the platform's (a Slack ts, a Discord message id).
 */
export interface ThreadService {
  remember(
    tenant: string,
    channelId: string,
    threadId: string,
    storyIds: string[],
    origin: ThreadOrigin,
  ): Promise<void>;
  /** In the order the message showed them; [] for a thread the bot posted no story in. */
  storiesOf(tenant: string, channelId: string, threadId: string): Promise<string[]>;
  autolinks(tenant: string, channelId: string): Promise<AutolinkSettings>;
  setAutolinks(tenant: string, channelId: string, settings: AutolinkSettings): Promise<AutolinkSettings>;
  /** How many auto-briefs the channel had in the last hour (the per-channel limit counts these). */
  autolinksLastHour(tenant: string, channelId: string): Promise<number>;
}

export interface Services {
  /** Thread → story memory and per-channel autolink settings. */
  threads: ThreadService;
  stories: StoryService;
  qa: QaService;
  feeds: FeedService;
  digests: DigestService;
  dmDigests: DmDigestService;
  /** For /healthz: can the store be reached? */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
