import type { Readable } from "node:stream";
import type { Config } from "../config.js";
import { classifyAddress, FEED_NOT_ARTICLE, type InputClass } from "../ingest/classify-input.js";
import { FetchError } from "../ingest/fetch/errors.js";
import { classifyBytes, formatBytes, readSourceBytes } from "../ingest/local-input.js";
import { UserError } from "./types.js";

export interface ArticleInput {
  text: string;
  title?: string;
}

/**
 * The article of a `summary` / `who` / `ask` argument: a web address (fetched and extracted), a
 * file or `-` (stdin) holding text, a saved web page (extracted in this process by the same
 * readPage the bot's workers run) or a URL. What is no article — empty, no words, too short, a
 * feed, a file: or ftp: address — is refused with the message chat gives for the same input.
 */
export async function readArticleInput(
  source: string,
  stdin: Readable,
  config: Config,
): Promise<ArticleInput> {
  const address = classifyAddress(source);
  if (address) return fromClass(address, source, config, 0);
  // Pages may be larger than article text (markup): read up to the larger limit, check text after.
  const bytes = await readSourceBytes(source, stdin, Math.max(config.MAX_TEXT_BYTES, config.FETCH_MAX_BYTES));
  const what = source === "-" ? "standard input" : source;
  return fromClass(classifyBytes(bytes, what), source, config, bytes.length);
}

async function fromClass(
  input: InputClass,
  source: string,
  config: Config,
  size: number,
): Promise<ArticleInput> {
  switch (input.kind) {
    case "refused":
      throw new UserError(input.message);
    case "feed":
      throw new UserError(`${FEED_NOT_ARTICLE} (\`newsdesk feed <url>\` lists a feed's items.)`);
    case "url": {
      // The fetcher and the HTML extractor load only when needed: a text file needs neither
      // (start-up time of every `newsdesk` call).
      const { loadUrlArticleForCli } = await import("./extract.js");
      const article = await loadUrlArticleForCli(input.url, config);
      return { text: article.text, ...(article.title ? { title: article.title } : {}) };
    }
    case "html": {
      const { articleFromHtml } = await import("../ingest/load.js");
      try {
        const article = articleFromHtml(input.html, undefined, source === "-" ? "paste" : "file");
        return { text: article.text, ...(article.title ? { title: article.title } : {}) };
      } catch (err) {
        if (err instanceof FetchError) throw new UserError(err.message);
        throw err;
      }
    }
    case "text":
      if (size > config.MAX_TEXT_BYTES) {
        const what = source === "-" ? "standard input" : source;
        throw new UserError(`${what} is larger than the limit of ${formatBytes(config.MAX_TEXT_BYTES)}`);
      }
      return { text: input.text };
  }
}
