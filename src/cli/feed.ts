import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { fetcherFromConfig } from "../ingest/cli-support.js";
import { pollFeed } from "../ingest/feeds/poll.js";
import { newFeedState } from "../ingest/feeds/state.js";
import { isUrlSource, notWebAddress } from "../ingest/url.js";
import { type CliCommand, UserError } from "./types.js";
import { usages } from "./usage.js";

const usage = usages.feed;

export const feedCommand: CliCommand = {
  name: "feed",
  summary: "dry run of a feed: the items Newsdesk would ingest from it",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: "boolean", default: false }, limit: { type: "string", default: "10" } },
    });
    const url = positionals[0];
    if (!url) throw new UserError(`missing the feed URL\n\n${usage}`);
    if (!isUrlSource(url)) throw new UserError(notWebAddress(url));
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw new UserError("--limit must be a whole number from 1 to 500");
    const config = loadConfig(io.env);
    const fetcher = fetcherFromConfig(config);
    let result: Awaited<ReturnType<typeof pollFeed>>;
    try {
      result = await pollFeed(newFeedState(url), {
        fetcher,
        now: () => new Date(),
        random: Math.random,
        intervalMinutes: config.FEED_INTERVAL_MINUTES,
        maxNewItems: limit,
      });
    } finally {
      await fetcher.close();
    }
    if (result.status !== "ok" && result.status !== "not_modified")
      throw new UserError(result.error ?? "the feed could not be read");
    // Newest first for reading, as feeds list them.
    const items = [...result.items].reverse();
    if (values.json) {
      const out = {
        feed: { url: result.nextState.url, title: result.nextState.title ?? null },
        items: items.map((i) => ({
          key: i.key,
          title: i.article.title || i.item.title || null,
          link: i.item.link ?? null,
          published: i.article.published ?? i.item.published ?? null,
          byline: i.article.byline ?? null,
          textFrom: i.textFrom,
          contentHash: i.article.contentHash,
          text: i.article.text,
        })),
        errors: result.itemErrors,
        warnings: result.warnings,
      };
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `${result.nextState.title ?? url}: ${items.length} item${items.length === 1 ? "" : "s"} would be ingested`,
      "",
    ];
    for (const i of items) {
      lines.push(`- ${i.article.title || i.item.title || "(untitled)"}`);
      const meta = [
        i.item.link,
        i.article.published ?? i.item.published,
        `${i.article.text.length} characters from the ${i.textFrom}`,
      ];
      lines.push(`  ${meta.filter(Boolean).join(" · ")}`);
      lines.push(
        `  ${i.article.text.slice(0, 160).replace(/\s+/g, " ")}${i.article.text.length > 160 ? "…" : ""}`,
      );
    }
    for (const e of result.itemErrors) lines.push(`! skipped ${e.link ?? e.key}: ${e.error}`);
    for (const w of result.warnings) lines.push(`note: ${w}`);
    if (result.nextState.url !== url)
      lines.push(`note: the page links to its feed at ${result.nextState.url}; follow that URL`);
    io.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  },
};
