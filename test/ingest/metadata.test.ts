import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { extractMetadata, normaliseLanguage, toIsoDate } from "../../src/ingest/extract/metadata.js";
import { cleanByline, decodeEntities, stripSiteFromTitle } from "../../src/ingest/extract/metadata-clean.js";

function meta(head: string, body = "", url = "https://www.news.test/a") {
  const { document } = parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
  return extractMetadata(document as never, url);
}

describe("extractMetadata fallbacks", () => {
  it.each([
    [
      "OpenGraph",
      '<meta property="og:title" content="OG title"><meta property="og:site_name" content="News Test">',
      { title: "OG title", siteName: "News Test" },
    ],
    ["<title> without the site suffix", "<title>Plain title - News Test</title>", { title: "Plain title" }],
    ["meta author with By", '<meta name="author" content="By Jane Doe">', { byline: "Jane Doe" }],
    [
      "article:published_time",
      '<meta property="article:published_time" content="2024-03-05T10:00:00+01:00">',
      { published: "2024-03-05T09:00:00.000Z" },
    ],
    [
      "itemprop with several names",
      '<meta itemprop="datePublished dateCreated" content="2024-03-05T10:00:00Z">',
      { published: "2024-03-05T10:00:00.000Z" },
    ],
    ["compact pdate", '<meta name="pdate" content="20240305">', { published: "2024-03-05" }],
    ["any *post-date* meta", '<meta name="sn-post-date" content="2024/03/05">', { published: "2024-03-05" }],
    [
      "a <time> element",
      "",
      { published: "2024-03-04T08:00:00.000Z" },
      '<article><time datetime="2024-03-04T08:00:00Z">Monday</time></article>',
    ],
    [
      "canonical link, relative",
      '<link rel="canonical" href="/news/a">',
      { canonicalUrl: "https://www.news.test/news/a" },
    ],
    [
      "og:url when no canonical",
      '<meta property="og:url" content="https://news.test/b">',
      { canonicalUrl: "https://news.test/b" },
    ],
    ["og:locale", '<meta property="og:locale" content="de_DE">', { language: "de-DE" }],
    [
      "entities in titles",
      '<meta property="og:title" content="Chelsea pay &#163;71.6m &amp; more">',
      { title: "Chelsea pay £71.6m & more" },
    ],
    [
      "a URL as site name",
      '<meta property="og:site_name" content="https://www.news.test">',
      { siteName: "news.test" },
    ],
    [
      "JSON-LD over meta",
      `<meta property="og:title" content="OG"><script type="application/ld+json">${JSON.stringify({ "@context": "https://schema.org", "@type": ["NewsArticle"], headline: "LD headline", author: { "@type": "Person", name: "Ann Lee" }, datePublished: "2024-03-01T00:00:00Z", publisher: { name: "LD Publisher" } })}</script>`,
      {
        title: "LD headline",
        byline: "Ann Lee",
        published: "2024-03-01T00:00:00.000Z",
        siteName: "LD Publisher",
      },
    ],
    [
      "broken JSON-LD is ignored",
      '<script type="application/ld+json">{ not json</script><title>Still here</title>',
      { title: "Still here" },
    ],
  ])("%s", (_what, head, expected, body = "") => {
    expect(meta(head, body)).toMatchObject(expected);
  });
});

describe("value clean-up", () => {
  it.each([
    ["2024-03-05", "2024-03-05"],
    ["20240305", "2024-03-05"],
    ["Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00.000Z"],
    ["yesterday", undefined],
    ["1970-01-01T00:00:00Z", undefined],
  ])("toIsoDate(%s) = %s", (input, expected) => {
    expect(toIsoDate(input)).toBe(expected);
  });

  it.each([
    ["By TOM DOE, AP Auto Writer", "TOM DOE, AP Auto Writer"],
    ["Associated Press November 19, 2019, 9:02 AM", "Associated Press"],
    ["admin - 2018-09-16", "admin"],
    ["https://facebook.com/someone", undefined],
  ])("cleanByline(%s) = %s", (input, expected) => {
    expect(cleanByline(input)).toBe(expected);
  });

  it.each([
    ["Headline here - News Test", "News Test", "Headline here"],
    ["News Test | Headline here", "News Test", "Headline here"],
    ["Fact Check: Is it true? - NewsTest", undefined, "Fact Check: Is it true?"],
    ["Russia and Syria: a report", "Other Site", "Russia and Syria: a report"],
  ])("stripSiteFromTitle(%s)", (title, site, expected) => {
    expect(stripSiteFromTitle(title, site, "https://www.newstest.com/x")).toBe(expected);
  });

  it("decodes entities and normalises language tags", () => {
    expect(decodeEntities("a &amp; b &#x2019; &#39;c&#39;")).toBe("a & b \u2019 'c'");
    expect(normaliseLanguage("en_us")).toBe("en-US");
    expect(normaliseLanguage("??")).toBeUndefined();
  });
});
