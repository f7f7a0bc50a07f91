import { type Config, llmConfigured } from "../config.js";
import type { Article, StoryBrief } from "../core/types.js";
import { systemClock } from "../digest/clock.js";
import { createDigestService } from "../digest/service.js";
import { createStoryGrouper } from "../digest/story-grouper.js";
import { FetchError } from "../ingest/fetch/errors.js";
import type { Fetcher } from "../ingest/fetch/fetcher.js";
import type { PageReader } from "../ingest/page-reader.js";
import { createStore } from "../store/index.js";
import type { Store } from "../store/types.js";
import { type CpuPool, createCpuPool } from "./cpu-pool.js";
import type { ModelAnswerer } from "./indexed-qa.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import { createPooledPageReader, pooledExtractiveBrief } from "./pooled-reader.js";
import { createPlatformPoster, type PlatformPoster } from "./poster.js";
import { PAGE_HINT, pageError } from "./read-html.js";
import { createStoreServices } from "./services/index.js";
import { type Services, UserFacingError } from "./services.js";

/** How long `/feeds add` waits for the new feed's first poll before it replies (ms). */
const FIRST_POLL_BUDGET_MS = 20_000;

export interface Wiring {
  services: Services;
  store: Store;
  /** Digests go out through the platform adapters, attached once they exist. */
  poster: PlatformPoster;
  /** The digest scheduler and feed loop. */
  background: { start(): void; stop(): Promise<void> };
}

/**
 * Builds the Services the commands run on from the configuration. This is the one place that
 * knows the concrete store, ingest, LLM and digest modules; each is adapted to the small
 * interfaces in ./services.ts.
 */
export async function createServices(
  config: Config,
  logger: Logger,
  metrics?: Metrics,
  /** A yield point for work under way (the AckGate's pause in the bot): chat acks go first. */
  pause?: () => Promise<void>,
): Promise<Wiring> {
  const store = await createStore(config);
  logger.info({ store: store.kind, location: store.location }, "store opened");
  // Page extraction and extractive briefs run in worker threads, started on the first job: a
  // hostile page or a 2 MB article never holds the event loop that acknowledges commands.
  let pool: CpuPool | undefined;
  const getPool = () => {
    pool ??= createCpuPool();
    return pool;
  };
  let reader: PageReader | undefined;
  const getReader = () => {
    reader ??= createPooledPageReader({ pool: getPool(), timeoutMs: config.EXTRACT_TIMEOUT_MS });
    return reader;
  };
  const { summarise, answerWithModel } = await briefMaker(config, store, getPool, logger, metrics);
  // The fetcher (undici agent) is made on the first URL: a bot that only answers commands never loads it.
  let fetcher: Promise<Fetcher> | undefined;
  const getFetcher = () => {
    fetcher ??= import("../ingest/fetch/fetcher.js").then((m) =>
      m.createFetcher(m.fetcherOptionsFromConfig(config)),
    );
    return fetcher;
  };

  async function fetchArticle(url: string): Promise<Article> {
    try {
      // Ingest's extraction (Readability, linkedom, login/paywall detection) loads on the first URL
      // added, not at start: an idle bot stays small.
      const { loadArticleFromSource } = await import("../ingest/load.js");
      return await loadArticleFromSource(url, {
        fetcher: await getFetcher(),
        source: "url",
        reader: getReader(),
      });
    } catch (err) {
      if (err instanceof FetchError) {
        throw new UserFacingError(
          `Could not fetch ${url}: ${err.message}`,
          "Check the link, or paste the article text with /add.",
        );
      }
      throw err;
    }
  }

  /** A pasted page or console file: extracted in the worker pool with its time budget, like a fetched page. */
  async function readHtml(html: string, source: "paste" | "file"): Promise<Article> {
    const { articleFromReading } = await import("../ingest/load.js");
    try {
      return articleFromReading(await getReader().read(html, undefined), undefined, source);
    } catch (err) {
      if (err instanceof FetchError) throw new UserFacingError(pageError(err.message), PAGE_HINT);
      throw err;
    }
  }

  const poster = createPlatformPoster(store, logger, metrics);
  // One grouper for feed articles and /add, so both queue per tenant in one line.
  const grouper = createStoryGrouper({
    store,
    pause,
    analyse: (input) => pooledExtractiveBrief(getPool())(input),
  });
  const digests = createDigestService({
    store,
    poster,
    clock: systemClock,
    config,
    logger,
    grouper,
    // Feed parsing and the fetcher load on the first due feed: a bot that follows none never pays.
    async pollFeed(feed) {
      const [{ ingestPollFeed }, fetcher] = await Promise.all([
        import("../digest/ingest-poll.js"),
        getFetcher(),
      ]);
      return ingestPollFeed({
        fetcher,
        reader: getReader(),
        now: () => new Date(),
        intervalMinutes: config.FEED_INTERVAL_MINUTES,
        random: Math.random,
      })(feed);
    },
  });
  const services = createStoreServices({
    store,
    grouper,
    summarise,
    answerWithModel,
    fetchArticle,
    readHtml,
    async testFeed(url) {
      const { testFeed } = await import("./feed-test.js");
      return testFeed(await getFetcher(), url);
    },
    async fetchOpml(url) {
      const { fetchOpml } = await import("./feed-test.js");
      return fetchOpml(await getFetcher(), url);
    },
    async checkFeed(url) {
      const { checkFeedToFollow } = await import("./feed-test.js");
      return checkFeedToFollow(await getFetcher(), url);
    },
    defaultTimezone: config.DEFAULT_TIMEZONE,
    digestMaxStories: config.DIGEST_MAX_STORIES,
    async pollFeedNow(tenantId, feedId) {
      const poll = digests.poller?.pollNow(tenantId, feedId);
      if (!poll) return 0;
      // The chat ack went out already; past the budget the reply goes out and the poll goes on.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"later">((r) => {
        timer = setTimeout(() => r("later"), FIRST_POLL_BUDGET_MS);
      });
      poll.catch((err) => logger.warn({ err: String(err) }, "first poll of a new feed failed"));
      try {
        return await Promise.race([poll.then((r) => r?.articles ?? 0), late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async digestNow(tenantId, channelId) {
      const result = await digests.runner.postNow(tenantId, channelId);
      return result.posted
        ? result
        : { ...result, reason: "There are no new stories for this channel's digest." };
    },
  });
  return {
    services: {
      ...services,
      async close() {
        await services.close();
        await pool?.close();
      },
    },
    store,
    poster,
    background: { start: () => digests.start(), stop: () => digests.stop() },
  };
}

/**
 * The LLM engine (with its extractive fallback) when configured, else the extractive engine; with
 * a model, /ask answers are worded by it from the sentences the question engine retrieved.
 */
async function briefMaker(
  config: Config,
  store: Store,
  getPool: () => CpuPool,
  logger: Logger,
  metrics?: Metrics,
): Promise<{
  summarise: (input: { text: string; title?: string; tenantId: string }) => Promise<StoryBrief>;
  answerWithModel?: ModelAnswerer;
}> {
  // Checked before the import, so that without an LLM the engine (and the openai client) is never loaded.
  if (!llmConfigured(config)) {
    return { summarise: (input) => pooledExtractiveBrief(getPool())(input) };
  }
  const { createLlmEngine } = await import("../llm/engine.js");
  const { retrievalFromIndex } = await import("../llm/retrieval.js");
  const engine = createLlmEngine({
    config,
    logger,
    cache: {
      get: (k) =>
        store.briefCache.get({ contentHash: k.contentHash, engine: k.model, engineVersion: k.promptVersion }),
      set: (k, brief) =>
        store.briefCache.put(
          { contentHash: k.contentHash, engine: k.model, engineVersion: k.promptVersion },
          brief,
        ),
    },
    usage: { add: (t, d, n) => store.tokenUsage.add(t, d, n), used: (t, d) => store.tokenUsage.get(t, d) },
  });
  logger.info({ model: engine.model }, "LLM engine on (extractive fallback)");
  return {
    async summarise(input) {
      const { brief, trace } = await engine.briefWithTrace({
        text: input.text,
        title: input.title,
        tenant: input.tenantId,
      });
      // "llm" and "cached" are answers from the model; everything else fell back to the extractive brief.
      metrics?.llmCalls.inc({
        outcome:
          trace.outcome === "llm" || trace.outcome === "cached" ? trace.outcome : `fallback_${trace.outcome}`,
      });
      return brief;
    },
    async answerWithModel(tenantId, question, index) {
      const a = await engine.answer({ question, ...retrievalFromIndex(index), tenant: tenantId });
      metrics?.llmCalls.inc({ outcome: a.engine === "llm" ? "answer_llm" : "answer_fallback" });
      // Unsupported or fallen back: the question engine's own answer stands.
      if (a.engine !== "llm" || !a.supported) return null;
      return { answer: a.answer, sentences: a.sentences.map((x) => x.text) };
    },
  };
}
