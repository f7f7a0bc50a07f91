import { describe, expect, it } from "vitest";
import type { Article } from "../../src/core/types.js";
import { contentHash } from "../../src/ingest/article.js";
import { canonicalizeUrl } from "../../src/ingest/dedupe/canonical-url.js";
import { fingerprintArticle, sameArticle } from "../../src/ingest/dedupe/fingerprint.js";

describe("canonicalizeUrl", () => {
  it.each([
    ["https://www.news.test/a/b?utm_source=x&utm_medium=y#frag", "https://news.test/a/b"],
    ["http://news.test:80/a/", "https://news.test/a"],
    ["https://amp.news.test/a", "https://news.test/a"],
    ["https://news.test/a/amp", "https://news.test/a"],
    ["https://news.test/amp/a", "https://news.test/a"],
    ["https://news.test/a.amp.html", "https://news.test/a.html"],
    ["https://news.test/a?outputType=amp", "https://news.test/a"],
    ["https://news.test/a?id=7&fbclid=abc&b=2", "https://news.test/a?b=2&id=7"],
    ["https://m.news.test/a?gclid=1", "https://news.test/a"],
    ["https://NEWS.test/A", "https://news.test/A"],
    ["ftp://news.test/a", undefined],
    ["not a url", undefined],
  ])("%s → %s", (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });
});

const text = Array.from(
  { length: 8 },
  (_, i) =>
    `Sentence ${i} of the report says something specific about the harbour works and the people involved in them.`,
).join(" ");

function article(id: string, body: string, url?: string): Article {
  return {
    id,
    title: "t",
    text: body,
    contentHash: contentHash(body),
    source: "url",
    ...(url ? { url } : {}),
  };
}

describe("sameArticle", () => {
  it.each([
    [
      "the same canonical URL",
      article("a", text, "https://news.test/x?utm_source=a"),
      article("b", "other", "https://www.news.test/x#c"),
      "canonical URL",
    ],
    [
      "the same content",
      article("a", text, "https://a.test/1"),
      article("b", text, "https://b.test/2"),
      "content hash",
    ],
    [
      "a syndicated copy with a different footer",
      article("a", text, "https://a.test/1"),
      article("b", `${text} Republished with permission.`, "https://b.test/2"),
      "near-duplicate text",
    ],
    [
      "a different article",
      article("a", text),
      article("b", text.replace(/harbour works/g, "school budget").replace(/report/g, "memo")),
      undefined,
    ],
  ])("%s", (_what, a, b, reason) => {
    expect(sameArticle(fingerprintArticle(a), fingerprintArticle(b))).toBe(reason);
  });
});
