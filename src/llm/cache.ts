import { createHash } from "node:crypto";
import type { StoryBrief } from "../core/types.js";

/**
 * Cache of LLM briefs, so one article summarised for 50 channels costs one call. The key is
 * (content hash, model, prompt version): a new model or prompt never serves a stale brief.
 * The store (src/store) provides the persistent implementation; this file has the in-memory one.
 */
export interface BriefCacheKey {
  /** sha256 hex of the article text and title as given to the engine. */
  contentHash: string;
  model: string;
  promptVersion: string;
}

export interface BriefCache {
  get(key: BriefCacheKey): Promise<StoryBrief | undefined>;
  set(key: BriefCacheKey, brief: StoryBrief): Promise<void>;
}

export function briefContentHash(text: string, title?: string): string {
  return createHash("sha256")
    .update(title ?? "")
    .update("\u0000")
    .update(text)
    .digest("hex");
}

export function keyString(key: BriefCacheKey): string {
  return `${key.contentHash}\u0000${key.model}\u0000${key.promptVersion}`;
}

/** In-memory LRU, bounded by entry count. */
export function createMemoryBriefCache(maxEntries = 500): BriefCache {
  const entries = new Map<string, StoryBrief>();
  return {
    async get(key) {
      const k = keyString(key);
      const brief = entries.get(k);
      if (brief) {
        entries.delete(k);
        entries.set(k, brief);
      }
      return brief ? structuredClone(brief) : undefined;
    },
    async set(key, brief) {
      const k = keyString(key);
      entries.delete(k);
      entries.set(k, structuredClone(brief));
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
  };
}
