import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { frontPage } from "./helpers/listing-pages.js";
import { articleHtml, html, startServer, type TestServer } from "./helpers/server.js";

async function run(args: string[], stdin = "", env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => {
    out += d;
  });
  stderr.on("data", (d) => {
    err += d;
  });
  const code = await main(args, {
    stdin: Readable.from([stdin]),
    stdout,
    stderr,
    env: { FETCH_ALLOW_HOSTS: "127.0.0.1", ...env },
  });
  return { code, stdout: out, stderr: err };
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    "/article": html(articleHtml("Harbour bridge reopens")),
    "/": html(frontPage()),
    "/login": html(
      '<html><body><h1>Sign in</h1><form><input type="text" name="u"><input type="password" name="p"></form><p>Log in to read this story.</p></body></html>',
    ),
    "/paywall": html(
      `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Secret","isAccessibleForFree":false}</script></head><body><article><h1>Secret</h1><p>The first lines of a story that goes on behind the wall, about budgets and plans for the city.</p><p>Subscribe now to continue reading.</p></article></body></html>`,
    ),
    "/empty": html("<html><body><nav><a href='/'>Home</a></nav></body></html>"),
    "/latin1": (_req, res) =>
      res
        .writeHead(200, { "content-type": "text/html; charset=windows-1252" })
        .end(iconv.encode(articleHtml("Café in Zürich"), "windows-1252")),
    "/pdf": (_req, res) => res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.4"),
    "/feed.xml": (_req, res) =>
      res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback feed</title><item><title>Harbour bridge reopens</title><link>${server.url("/article")}</link><guid>a1</guid></item></channel></rss>`,
        ),
    "/bad-feed": (_req, res) => res.writeHead(200, { "content-type": "text/xml" }).end("<<<< not a feed"),
  });
});
afterAll(() => server.close());

describe("newsdesk extract", () => {
  it("extracts a page by URL as JSON", async () => {
    const r = await run(["extract", "--json", server.url("/article")]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.title).toBe("Harbour bridge reopens");
    expect(out.text).toMatch(/^Paragraph 1 of the story/);
    expect(out.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("extracts a file in a legacy encoding given by <meta>", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-extract-"));
    const file = join(dir, "page.html");
    writeFileSync(
      file,
      iconv.encode(`<meta charset="windows-1252">${articleHtml("Crème brûlée")}`, "windows-1252"),
    );
    const r = await run(["extract", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Crème brûlée/);
  });

  it("reads HTML from standard input with -", async () => {
    const r = await run(["extract", "--json", "-"], articleHtml("From stdin"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).title).toBe("From stdin");
  });

  it("refuses a binary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-extract-"));
    const file = join(dir, "image.html");
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
    const r = await run(["extract", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/binary file, not HTML/);
  });

  it("answers --jsonl line by line, with an error line for a bad one", async () => {
    const lines = [
      JSON.stringify({ id: "a", html: articleHtml("First"), url: "https://news.test/a" }),
      "not json",
      JSON.stringify({ id: "c", html: "<html><body></body></html>" }),
      JSON.stringify({ id: "d", html: articleHtml("Fourth") }),
    ].join("\n");
    const r = await run(["extract", "--jsonl"], lines);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(["a", null, "c", "d"]);
    expect(Object.keys(out[0])).toEqual(["id", "title", "byline", "published", "text"]);
    expect(out[0].title).toBe("First");
    expect(out[1].error).toMatch(/line 2/);
    expect(out[2].error).toBe("could not find an article on this page");
    expect(out[3].text).toContain("Paragraph 6");
  });

  it.each([
    ["/missing", /not found \(HTTP 404\)/],
    ["/login", /asks for a login/],
    ["/paywall", /behind a paywall/],
    ["/empty", /could not find an article/],
    ["/pdf", /is a PDF document, not an article/],
    ["/", /lists articles \(a front page, section or search results\) rather than being one/],
  ])("%s gives a specific error", async (path, message) => {
    const r = await run(["extract", server.url(path)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("decodes a windows-1252 page fetched by URL", async () => {
    const r = await run(["extract", "--json", server.url("/latin1")]);
    expect(JSON.parse(r.stdout).title).toBe("Café in Zürich");
  });

  it("refuses loopback without FETCH_ALLOW_HOSTS", async () => {
    const r = await run(["extract", server.url("/article")], "", { FETCH_ALLOW_HOSTS: "" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/loopback address/);
  });
});

describe("newsdesk summary <url>", () => {
  it("fetches, extracts and summarises a page end to end", async () => {
    const r = await run(["summary", "--json", server.url("/article")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).title).toBe("Harbour bridge reopens");
  });

  it("reports fetch errors as user errors", async () => {
    const r = await run(["summary", server.url("/missing")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^newsdesk summary: the page was not found \(HTTP 404\)/);
  });
});

describe("newsdesk feed", () => {
  it("prints the items it would ingest", async () => {
    const r = await run(["feed", server.url("/feed.xml")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Loopback feed: 1 item would be ingested/);
    expect(r.stdout).toContain("Harbour bridge reopens");
    expect(r.stdout).toMatch(/characters from the page/);
  });

  it("prints JSON with --json", async () => {
    const r = await run(["feed", "--json", server.url("/feed.xml")]);
    const out = JSON.parse(r.stdout);
    expect(out.feed.title).toBe("Loopback feed");
    expect(out.items[0].textFrom).toBe("page");
  });

  it("says when the URL is not a feed", async () => {
    const r = await run(["feed", server.url("/bad-feed")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a feed/);
  });
});
