import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { extractFromHtml } from "../../src/ingest/extract/html-article.js";
import { extractMetadata } from "../../src/ingest/extract/metadata.js";
import {
  bylineLine,
  datelineDate,
  dayInLine,
  headlineFromH1,
  isAuthorName,
  urlDate,
} from "../../src/ingest/extract/metadata-page.js";

const ld = (o: Record<string, unknown>) =>
  `<script type="application/ld+json">${JSON.stringify({ "@context": "https://schema.org", ...o })}</script>`;

function meta(head: string, body = "", url = "https://www.news.test/a") {
  const { document } = parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
  return extractMetadata(document as never, url);
}

const para = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i + 1} of the story says that the harbour bridge reopened on Monday after six months of repairs and inspections.</p>`,
  ).join("");

describe("each source of each field, in order of trust", () => {
  it.each([
    // title
    [
      "title: JSON-LD headline",
      `${ld({ "@type": "NewsArticle", headline: "LD head" })}<meta property="og:title" content="OG">`,
      "",
      { title: "LD head" },
    ],
    [
      "title: og:title",
      '<meta property="og:title" content="OG head"><title>Doc - News Test</title>',
      "",
      { title: "OG head" },
    ],
    [
      "title: <h1> agreeing with <title>",
      "<title>NT: Bridge reopens after repairs</title>",
      "<h1>Bridge reopens after repairs</h1>",
      { title: "Bridge reopens after repairs" },
    ],
    [
      "title: <title> minus site name when the <h1> is the logo",
      "<title>Bridge reopens - News Test</title>",
      "<h1>News Test</h1>",
      { title: "Bridge reopens" },
    ],
    // date
    [
      "date: JSON-LD datePublished",
      ld({ "@type": "NewsArticle", datePublished: "2024-03-01T08:00:00Z" }) +
        '<meta property="article:published_time" content="2024-02-01T00:00:00Z">',
      "",
      { published: "2024-03-01T08:00:00.000Z" },
    ],
    [
      "date: article:published_time",
      '<meta property="article:published_time" content="2024-02-01T10:00:00Z">',
      '<time datetime="2023-01-01T00:00:00Z">x</time>',
      { published: "2024-02-01T10:00:00.000Z" },
    ],
    [
      "date: <time datetime>",
      "",
      '<time datetime="2024-01-05T07:00:00Z">5 Jan</time>',
      { published: "2024-01-05T07:00:00.000Z" },
    ],
    [
      "date: a <time> marked as an update is skipped",
      "",
      '<time class="updated" datetime="2024-06-01T00:00:00Z">u</time><time datetime="2024-01-05T07:00:00Z">p</time>',
      { published: "2024-01-05T07:00:00.000Z" },
    ],
    [
      "date: the URL's date",
      "",
      "",
      { published: "2012-08-09" },
      "https://news.test/2012/08/09/bridge-reopens",
    ],
    // author
    [
      "author: JSON-LD author",
      ld({ "@type": "NewsArticle", author: [{ "@type": "Person", name: "Ann Lee" }] }) +
        '<meta name="author" content="Meta Name">',
      "",
      { byline: "Ann Lee" },
    ],
    [
      "author: meta name=author",
      '<meta name="author" content="Jane Doe">',
      '<a rel="author" href="/x">Other</a>',
      { byline: "Jane Doe" },
    ],
    ["author: rel=author", "", '<a rel="author" href="/by/sam">Sam Roe</a>', { byline: "Sam Roe" }],
    ["author: itemprop=author", "", '<span itemprop="author">Kim Park</span>', { byline: "Kim Park" }],
    [
      "author: never the site name",
      '<meta property="og:site_name" content="News Test"><meta name="author" content="News Test">',
      '<a rel="author" href="/x">Sam Roe</a>',
      { byline: "Sam Roe" },
    ],
    ["author: never 'Staff'", '<meta name="author" content="Staff">', "", { byline: undefined }],
    // site, language, canonical, image
    [
      "site name: og:site_name",
      '<meta property="og:site_name" content="News Test">',
      "",
      { siteName: "News Test" },
    ],
    [
      "site name: JSON-LD publisher",
      ld({ "@type": "NewsArticle", publisher: { name: "LD Pub" } }),
      "",
      { siteName: "LD Pub" },
    ],
    ["language: <html lang>", "", "", { language: "en" }],
    [
      "canonical: link rel=canonical",
      '<link rel="canonical" href="https://news.test/c">',
      "",
      { canonicalUrl: "https://news.test/c" },
    ],
    [
      "image: og:image, absolute",
      '<meta property="og:image" content="/img/a.jpg">',
      "",
      { image: "https://www.news.test/img/a.jpg" },
    ],
    [
      "image: JSON-LD ImageObject",
      ld({ "@type": "NewsArticle", image: { "@type": "ImageObject", url: "https://cdn.test/b.jpg" } }),
      "",
      { image: "https://cdn.test/b.jpg" },
    ],
  ])("%s", (_what, head, body, expected, url = "https://www.news.test/a") => {
    const html = `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
    const { document } = parseHTML(html);
    expect(extractMetadata(document as never, url)).toMatchObject(expected);
  });

  it("reads the dateline and the 'By' line above the text when nothing declares them", () => {
    const html = `<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1><p>By Jane Doe</p><p>Posted on Aug 9th, 2012 | no responses</p>${para(5)}</article></body></html>`;
    const page = extractFromHtml(html);
    expect(page.published).toBe("2012-08-09");
    expect(page.byline).toBe("Jane Doe");
  });

  it("never takes a declared date's place with the dateline", () => {
    const html = `<html><head><meta property="article:published_time" content="2020-01-02T00:00:00Z"></head><body><article><p>March 3, 2019</p>${para(5)}</article></body></html>`;
    expect(extractFromHtml(html).published).toBe("2020-01-02T00:00:00.000Z");
  });
});

describe("page sources, one by one", () => {
  it.each([
    [
      "Site | Bridge reopens after repairs",
      ["Site", "Bridge reopens after repairs"],
      "Bridge reopens after repairs",
    ],
    ["Bridge reopens after repairs", ["Bridge reopens after repairs"], undefined],
    ["Bridge reopens - Site", ["Weather"], undefined],
  ])("headlineFromH1(%s)", (title, h1s, expected) => {
    expect(headlineFromH1(title, h1s)).toBe(expected);
  });

  it.each([
    ["https://n.test/2012/08/09/story", "2012-08-09"],
    ["https://n.test/news/2012-08-09-story.html", "2012-08-09"],
    ["https://n.test/20120809/story", "2012-08-09"],
    ["https://n.test/2012/08/story", undefined],
    ["https://n.test/item/2012139912", undefined],
  ])("urlDate(%s) = %s", (url, expected) => {
    expect(urlDate(url)).toBe(expected);
  });

  it.each([
    ["July 24, 2012 12:11 AM", "2012-07-24"],
    ["Posted on Aug 9th, 2012", "2012-08-09"],
    ["24 July 2012", "2012-07-24"],
    ["25/12/2012", "2012-12-25"],
    ["05/06/2012", undefined],
  ])("dayInLine(%s) = %s", (line, expected) => {
    expect(dayInLine(line)).toBe(expected);
  });

  it("skips update lines and long paragraphs when looking for the dateline", () => {
    expect(datelineDate(["Updated: July 25, 2012", "July 24, 2012"])).toBe("2012-07-24");
    expect(datelineDate([`${"word ".repeat(40)} July 24, 2012`])).toBeUndefined();
  });

  it.each([
    ["Jane Doe", true],
    ["Staff", false],
    ["Reuters Staff", false],
    ["By Staff Writer", false],
    ["admin", false],
    ["News Test", false],
    ["newstest", false],
  ])("isAuthorName(%s) = %s", (name, expected) => {
    expect(isAuthorName(name, "News Test", "https://www.newstest.com/a")).toBe(expected);
  });

  it("reads a 'By' line and only a short one", () => {
    expect(bylineLine(["Headline", "By Jane Doe and Sam Roe"])).toBe("Jane Doe and Sam Roe");
    expect(bylineLine([`By the time the bridge reopened ${"more words ".repeat(10)}`])).toBeUndefined();
  });
});

describe("the meta() helper agrees with the page-level extraction", () => {
  it("gives no date when no source has one", () => {
    expect(meta("<title>x</title>").published).toBeUndefined();
  });
});
