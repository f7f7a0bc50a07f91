import type { PageReading } from "./extract/read-page.js";
import { describeSeconds, FetchError } from "./fetch/errors.js";

/**
 * Where pages are read (extracted): in this thread for the command line (`createInlinePageReader`
 * in ./extract/read-page.ts), in the worker pool with a time budget for the bot
 * (src/app/pooled-reader.ts). Either way the work is `readPage`. This module stays free of the
 * extractor itself, so the bot's main thread never loads Readability for it.
 */
export interface PageReader {
  read(html: string, url: string | undefined): Promise<PageReading>;
  /** Pages that recently ran out of budget, refused before they are fetched again (none in-process). */
  readonly slowPages?: SlowPageMemory;
}

/** The user-facing error of a page that ran out of its extraction budget. */
export function tooComplexError(url: string | undefined, budgetMs: number): FetchError {
  return new FetchError(
    "too_complex",
    `this page is too complex to read (gave up after ${budgetMs < 1000 ? `${budgetMs} ms` : describeSeconds(budgetMs)})`,
    { url },
  );
}

/**
 * URLs whose extraction ran out of budget, kept for `ttlMs` (default an hour): a feed item or a
 * user repeating the link gets the same message at once instead of another fetch and another
 * 5 s of a worker. In-process and bounded: a restart forgets, which only costs one more try.
 */
export interface SlowPageMemory {
  /** The error to give at once for this URL, when it is remembered. */
  recall(url: string): FetchError | undefined;
  remember(url: string, error: FetchError): void;
}

export interface SlowPageMemoryOptions {
  now?: () => number;
  ttlMs?: number;
  /** At most this many URLs; the oldest is forgotten first (default 1000). */
  max?: number;
}

export function createSlowPageMemory(options: SlowPageMemoryOptions = {}): SlowPageMemory {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  const max = options.max ?? 1000;
  // A Map keeps insertion order, so its first key is the oldest entry.
  const entries = new Map<string, { until: number; error: FetchError }>();
  return {
    recall(url) {
      const entry = entries.get(url);
      if (!entry) return undefined;
      if (entry.until <= now()) {
        entries.delete(url);
        return undefined;
      }
      return entry.error;
    },
    remember(url, error) {
      entries.delete(url);
      entries.set(url, { until: now() + ttlMs, error });
      while (entries.size > max) entries.delete(entries.keys().next().value as string);
    },
  };
}
