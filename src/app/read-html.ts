import type { Article } from "../core/types.js";
import { UserFacingError } from "./services.js";

/** Extraction in this thread, for services built without the bot's worker pool (tests, tools). */
export async function readHtmlInline(html: string, source: "paste" | "file"): Promise<Article> {
  const [{ articleFromHtml }, { FetchError }] = await Promise.all([
    import("../ingest/load.js"),
    import("../ingest/fetch/errors.js"),
  ]);
  try {
    return articleFromHtml(html, undefined, source);
  } catch (err) {
    if (err instanceof FetchError) throw new UserFacingError(pageError(err.message), PAGE_HINT);
    throw err;
  }
}

/** "could not find an article on the page" reads as a sentence in chat. */
export const pageError = (message: string) =>
  `${message.charAt(0).toUpperCase()}${message.slice(1)}.`.replace(/\.\.$/, ".");
export const PAGE_HINT = "Paste the article text, or give its URL.";
