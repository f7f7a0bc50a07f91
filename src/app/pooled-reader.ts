import type { StoryBrief } from "../core/types.js";
import {
  createSlowPageMemory,
  type PageReader,
  type SlowPageMemory,
  tooComplexError,
} from "../ingest/page-reader.js";
import { type CpuPool, JobTimeoutError } from "./cpu-pool.js";

export interface PooledReaderOptions {
  pool: CpuPool;
  /** Extraction budget per page (EXTRACT_TIMEOUT_MS), counted from when a worker starts on it. */
  timeoutMs: number;
  slowPages?: SlowPageMemory;
}

/**
 * The bot's PageReader: pages are read in the CPU pool under a time budget. A page that runs out
 * of it is answered "too complex" and remembered (an hour by default) under its URL, so neither a
 * user nor a feed item can make the bot spend the budget on it again and again.
 */
export function createPooledPageReader(options: PooledReaderOptions): PageReader {
  const slowPages = options.slowPages ?? createSlowPageMemory();
  return {
    slowPages,
    async read(html, url) {
      try {
        return await options.pool.run({ kind: "read", html, url }, { timeoutMs: options.timeoutMs });
      } catch (err) {
        if (!(err instanceof JobTimeoutError)) throw err;
        const tooComplex = tooComplexError(url, options.timeoutMs);
        if (url) slowPages.remember(url, tooComplex);
        throw tooComplex;
      }
    },
  };
}

/**
 * Extractive briefs in the pool: a 2 MB article takes seconds of analysis, which would otherwise
 * hold every other command. No time limit: the text is already bounded by MAX_TEXT_BYTES and the
 * work grows with its length, not with how it is built.
 */
export function pooledExtractiveBrief(
  pool: CpuPool,
): (input: { text: string; title?: string }) => Promise<StoryBrief> {
  return (input) => pool.run({ kind: "brief", text: input.text, title: input.title });
}
