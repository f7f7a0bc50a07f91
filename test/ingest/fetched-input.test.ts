import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REFUSALS } from "../../src/ingest/classify-input.js";
import type { FetchedResource } from "../../src/ingest/fetch/fetcher.js";
import { articleFromFetched } from "../../src/ingest/load.js";

/** Feed item pages: what a server sends goes through the same input check as pasted text. */
const html = readFileSync(new URL("../fixtures/ingest/news-article.html", import.meta.url), "utf8");
const fetched = (text: string, mediaType: string): FetchedResource => ({
  requestedUrl: "https://news.example/item",
  url: "https://news.example/item",
  status: 200,
  notModified: false,
  mediaType,
  charset: "utf-8",
  body: Buffer.from(text),
  text,
});

describe("articleFromFetched", () => {
  it("extracts a page a server labels text/plain instead of reading its markup", async () => {
    const article = await articleFromFetched(fetched(html, "text/plain"), "feed");
    expect(article.text).toContain("Ana Lopes");
    expect(article.text).not.toMatch(/<|doctype/i);
    expect(article.title).toBe((await articleFromFetched(fetched(html, "text/html"), "feed")).title);
  });

  it.each([
    ["emoji-only text", "text/plain", "🎉🎉 🤷‍♀️ 👍🏽", REFUSALS.no_letters],
    ["a headline", "text/plain", "Bridge reopens after repairs", REFUSALS.too_short],
    [
      "a page whose article is emoji",
      "text/html",
      "<!doctype html><html><body><article><p>🎉🎉🎉 🤷‍♀️</p></article></body></html>",
      REFUSALS.no_letters,
    ],
  ])("refuses %s with the message pasted text gets", async (_name, mediaType, body, message) => {
    await expect(articleFromFetched(fetched(body, mediaType), "feed")).rejects.toThrow(message);
  });
});
