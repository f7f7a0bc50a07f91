import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { articleFromPage, contentHash } from "../../src/ingest/article.js";
import { extractFromHtml, stripInertMarkup } from "../../src/ingest/extract/html-article.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), "utf8");

describe("extractFromHtml", () => {
  const page = extractFromHtml(
    fixture("news-article.html"),
    "https://www.example.org/news/harbour-bridge-reopens",
  );

  it("keeps the article paragraphs, separated by blank lines", () => {
    const paragraphs = page.text.split("\n\n");
    expect(paragraphs[0]).toMatch(/^The harbour bridge reopened to traffic/);
    expect(paragraphs.at(-1)).toMatch(/maintenance plan meant to prevent another long closure\.$/);
    expect(paragraphs).toHaveLength(6);
    expect(page.method).toBe("readability");
  });

  it.each([
    ["caption", "Photo: Example Agency"],
    ["byline", "By Jane Doe"],
    ["share prompts", "Share on Facebook"],
    ["related links", "Storm damage closes bridge"],
    ["advertisement marker", "Advertisement"],
    ["newsletter box", "Sign up for our morning newsletter"],
    ["navigation", "Sport"],
    ["footer", "All rights reserved"],
    ["scripts", "tracking"],
  ])("drops the %s", (_what, snippet) => {
    expect(page.text).not.toContain(snippet);
  });

  it("reads metadata from JSON-LD first, then OpenGraph and <meta>", () => {
    expect(page.title).toBe("Harbour bridge reopens after six months of repairs");
    expect(page.byline).toBe("Jane Doe, Sam Roe");
    expect(page.published).toBe("2024-03-05T09:30:00.000Z");
    expect(page.updated).toBe("2024-03-05T10:00:00.000Z");
    expect(page.siteName).toBe("The Example Gazette");
    expect(page.language).toBe("en-GB");
    expect(page.canonicalUrl).toBe("https://www.example.org/news/harbour-bridge-reopens?utm_source=rss#top");
  });

  it("falls back to JSON-LD articleBody when Readability finds no article", () => {
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({
      "@type": "NewsArticle",
      headline: "Short page",
      articleBody: "First paragraph of the body.\n\nSecond paragraph of the body.",
    })}</script></head><body><div id="app"></div></body></html>`;
    const p = extractFromHtml(html);
    expect(p.method).toBe("json-ld");
    expect(p.text).toBe("First paragraph of the body.\n\nSecond paragraph of the body.");
  });

  it("finds nothing on a page without an article", () => {
    const p = extractFromHtml("<html><body><nav><a href='/'>Home</a></nav></body></html>");
    expect(p.method).toBe("none");
    expect(p.text).toBe("");
  });

  it("survives malformed HTML (unclosed tags, stray closers)", () => {
    const body = Array.from(
      { length: 8 },
      (_, i) =>
        `<p>Paragraph ${i} of a story that goes on long enough to count as prose, with several clauses in it.`,
    ).join("");
    const p = extractFromHtml(`<html><body><div><article>${body}</span></b></div></td><p>Tail`);
    expect(p.text).toContain("Paragraph 0 of a story");
    expect(p.text).toContain("Paragraph 7 of a story");
  });
});

describe("stripInertMarkup", () => {
  it.each([
    ["<p>a</p><script>var x = '<p>';</script><p>b</p>", "<p>a</p><p>b</p>"],
    ["<p>a</p><!-- <p>hidden</p> --><p>b</p>", "<p>a</p><p>b</p>"],
    ["<STYLE type=x>p{}</STYLE ><p>b</p>", "<p>b</p>"],
    [
      '<script type="application/ld+json">{"a":1}</script>',
      '<script type="application/ld+json">{"a":1}</script>',
    ],
    ["<p>a</p><script>never closed", "<p>a</p>"],
    ["<nav><nav>x</nav>y</nav><p>a</p><footer>f</footer>", "<p>a</p>"],
    ["<aside>unclosed<p>a</p>", "<aside>unclosed<p>a</p>"],
    [
      '<footer>f<script type="application/ld+json">{"b":2}</script></footer>',
      '<script type="application/ld+json">{"b":2}</script>',
    ],
    ["</nav><p>a</p>", "</nav><p>a</p>"],
  ])("%s", (input, expected) => {
    expect(stripInertMarkup(input)).toBe(expected);
  });
});

describe("articleFromPage", () => {
  it("builds an Article with a content hash and a canonical URL", () => {
    const page = extractFromHtml(fixture("news-article.html"));
    const article = articleFromPage(page, { source: "url", url: "https://www.example.org/x" });
    expect(article.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(article.id).toBe(article.contentHash.slice(0, 16));
    expect(article.canonicalUrl).toBe("https://example.org/news/harbour-bridge-reopens");
    expect(article.byline).toBe("Jane Doe, Sam Roe");
  });

  it("hashes typographic variants of the same text the same", () => {
    expect(contentHash("“Yes,” she said  twice.\n\nEnd")).toBe(contentHash('"Yes," she said twice. End'));
    expect(contentHash("one text")).not.toBe(contentHash("another text"));
  });
});
