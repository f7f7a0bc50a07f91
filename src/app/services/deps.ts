import type { Article, StoryBrief } from "../../core/types.js";
import type { StoryGrouper } from "../../digest/story-grouper.js";
import type { Store, StoredStory } from "../../store/types.js";
import type { FeedToFollow } from "../feed-test.js";
import type { ModelAnswerer } from "../indexed-qa.js";
import type { FeedTestResult, StorySummary } from "../services.js";

/** What the store-backed services need besides the store; each is a port wired in ../wiring.ts. */
export interface StoreServicesDeps {
  store: Store;
  /** Text → brief (the LLM engine with extractive fallback, or the extractive engine). */
  summarise(input: { text: string; title?: string; tenantId: string }): Promise<StoryBrief>;
  /** /ask worded by the model from the chosen story's sentences (store tenant id); absent without an LLM. */
  answerWithModel?: ModelAnswerer;
  /** HTML at hand → Article (the worker pool's extraction in the bot); throws UserFacingError on failure. */
  readHtml?(html: string, source: "paste" | "file"): Promise<Article>;
  /** URL → Article (fetch + extraction); throws UserFacingError on failure. */
  fetchArticle?(url: string): Promise<Article>;
  /** One fetch of a feed, its items listed; throws UserFacingError on failure. */
  testFeed?(url: string): Promise<FeedTestResult>;
  /** An OPML file from a link (SSRF-checked fetch); throws UserFacingError when it cannot be read. */
  fetchOpml?(url: string): Promise<string>;
  /** Reads a feed before it is followed; throws UserFacingError when it is no readable feed. */
  checkFeed?(url: string): Promise<FeedToFollow>;
  /**
   * Polls one feed now (store ids) and returns how many items it filed: `/feeds add` files a new
   * feed's current items before it replies. "later" when the poll outlasts the command's budget
   * (it goes on in the background). Absent without a poller (the feed waits for its turn).
   */
  pollFeedNow?(tenantId: string, feedId: string): Promise<number | "later">;
  /** Posts the channel's digest now; undefined when no digest runner is running. */
  digestNow?(
    tenantId: string,
    channelId: string,
  ): Promise<{ posted: boolean; stories: number; reason?: string }>;
  defaultTimezone: string;
  /** DIGEST_MAX_STORIES: how many stories a digest shows unless the channel chose (default 8). */
  digestMaxStories?: number;
  now?: () => Date;
  /**
   * Files added articles into stories: the digest's grouper, so an article added with /add joins
   * the story of the same event from feeds (and the other way round). Default: one of its own.
   * The grouper awaits its `pause` before each filing (the bot passes its AckGate's), so after a
   * slow step (the model's answer) chat acks still go first.
   */
  grouper?: StoryGrouper;
}

/** What every per-area service shares: the store, the clock and the platform → store id mapping. */
export interface ServiceScope {
  store: Store;
  now(): Date;
  /** "slack:T1" / "discord:123" / "console" → the store's tenant id (created on first use). */
  tenantId(tenant: string): Promise<string>;
  /** A platform channel id → the store's channel id (created on first use). */
  channelId(tenantId: string, externalId: string): Promise<string>;
}

/** How many recent stories title lookups, autocomplete and questions search. */
export const SEARCH_WINDOW = 200;

export function summaryOf(s: StoredStory): StorySummary {
  return { id: s.id, title: s.title, addedAt: s.createdAt, articleCount: s.articleCount };
}
