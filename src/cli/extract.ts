import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type Config, loadConfig } from "../config.js";
import type { Article } from "../core/types.js";
import { fetcherFromConfig } from "../ingest/cli-support.js";
import { readPage } from "../ingest/extract/read-page.js";
import { decodeBody } from "../ingest/fetch/decode.js";
import { FetchError } from "../ingest/fetch/errors.js";
import { articleFromHtml, loadArticleFromSource } from "../ingest/load.js";
import { formatBytes, readStreamBytes } from "../ingest/local-input.js";
import { isUrlSource } from "../ingest/url.js";
import { runJsonl, sizedField, stringField } from "./jsonl.js";
import { type CliCommand, UserError } from "./types.js";
import { usages } from "./usage.js";

const usage = usages.extract;

/** The contract fields of `extract` (DESIGN.md), null when unknown. */
function contractJson(a: Pick<Article, "title" | "byline" | "published" | "text">): Record<string, unknown> {
  return { title: a.title || null, byline: a.byline ?? null, published: a.published ?? null, text: a.text };
}

function toMarkdown(a: Article): string {
  const meta = [a.byline, a.published, a.siteName, a.canonicalUrl ?? a.url].filter(Boolean).join(" · ");
  return `# ${a.title || "(untitled)"}\n\n${meta ? `_${meta}_\n\n` : ""}${a.text}\n`;
}

async function readHtmlSource(
  source: string,
  stdin: NodeJS.ReadableStream,
  maxBytes: number,
): Promise<string> {
  let bytes: Buffer;
  if (source === "-") bytes = await readStreamBytes(stdin as never, maxBytes, "standard input");
  else {
    try {
      bytes = await readFile(source);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new UserError(`no such file: ${source}`);
      if (code === "EISDIR") throw new UserError(`${source} is a directory, not an HTML file`);
      throw new UserError(`cannot read ${source}: ${(err as Error).message}`);
    }
    if (bytes.length > maxBytes)
      throw new UserError(`${source} is larger than the limit of ${formatBytes(maxBytes)}`);
  }
  if (bytes.subarray(0, 1024).includes(0) && !(bytes[0] === 0xff || bytes[0] === 0xfe)) {
    throw new UserError(`${source === "-" ? "standard input" : source} looks like a binary file, not HTML`);
  }
  return decodeBody(bytes, undefined).text;
}

/**
 * A URL → Article for the command line (`extract`, `summary <url>`): a fetcher from the config,
 * closed afterwards; fetch and extraction failures become UserErrors with their messages.
 */
export async function loadUrlArticleForCli(source: string, config: Config): Promise<Article> {
  const fetcher = fetcherFromConfig(config);
  try {
    return await loadArticleFromSource(source, { fetcher });
  } catch (err) {
    if (err instanceof FetchError) throw new UserError(err.message);
    throw err;
  } finally {
    await fetcher.close();
  }
}

export const extractCommand: CliCommand = {
  name: "extract",
  summary: "the clean article text and metadata of an HTML page (file, URL or stdin)",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: "boolean", default: false }, jsonl: { type: "boolean", default: false } },
    });
    const config = loadConfig(io.env);
    const maxBytes = config.FETCH_MAX_BYTES;
    if (values.jsonl) {
      return runJsonl(io.stdin, io.stdout, (line) => {
        const html = sizedField(line, "html", maxBytes);
        const url = stringField(line, "url", false);
        // The same readPage the bot's worker pool runs, so evaluations measure what chat users get.
        const { page } = readPage(html, url);
        if (!page.text) throw new Error("could not find an article on this page");
        return contractJson({
          title: page.title ?? "",
          byline: page.byline,
          published: page.published,
          text: page.text,
        });
      });
    }
    const source = positionals[0];
    if (!source) throw new UserError(`missing the page to extract\n\n${usage}`);
    let article: Article;
    try {
      if (isUrlSource(source)) {
        article = await loadUrlArticleForCli(source, config);
      } else {
        const html = await readHtmlSource(source, io.stdin, maxBytes);
        article = articleFromHtml(html, undefined, source === "-" ? "paste" : "file");
      }
    } catch (err) {
      if (err instanceof FetchError) throw new UserError(err.message);
      throw err;
    }
    io.stdout.write(
      values.json
        ? `${JSON.stringify({ ...contractJson(article), ...article }, null, 2)}\n`
        : toMarkdown(article),
    );
    return 0;
  },
};
