import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REFUSALS } from "../../src/ingest/classify-input.js";
import { type PollDeps, pollFeed } from "../../src/ingest/feeds/poll.js";
import { newFeedState } from "../../src/ingest/feeds/state.js";
import { createFetcher } from "../../src/ingest/fetch/fetcher.js";
import { startServer, type TestServer } from "./helpers/server.js";

/**
 * Feed items whose text is a teaser are read from their page: the page goes through the input
 * check every other path uses (pasted text, files, chat), over real HTTP on loopback.
 */
const page = readFileSync(new URL("../fixtures/ingest/news-article.html", import.meta.url), "utf8");
const SCHEME = `Only http and https addresses are read ("file:" is not one).`;

/** One teaser item per link: its page is fetched. */
const items: Array<[string, string]> = [
  ["html", "/article"],
  ["html-as-text", "/article.txt"],
  ["empty", "/empty.txt"],
  ["emoji", "/emoji.txt"],
  ["file", "file:///etc/passwd"],
];

let server: TestServer;
beforeAll(async () => {
  const send = (type: string, body: string) => (_req: unknown, res: import("node:http").ServerResponse) =>
    res.writeHead(200, { "content-type": type }).end(body);
  server = await startServer({
    "/feed.xml": (_req, res) => {
      const xml = items
        .map(
          ([guid, link]) =>
            `<item><title>Item ${guid}</title><link>${link.startsWith("/") ? server.url(link) : link}</link><guid isPermaLink="false">${guid}</guid><description>Teaser.</description></item>`,
        )
        .join("");
      res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Items</title>${xml}</channel></rss>`);
    },
    "/article": send("text/html; charset=utf-8", page),
    "/article.txt": send("text/plain; charset=utf-8", page),
    "/empty.txt": send("text/plain; charset=utf-8", " \n\n "),
    "/emoji.txt": send("text/plain; charset=utf-8", "🎉🎉🎉 🤷‍♀️ 👍🏽 ❤️"),
  });
});
afterAll(() => server.close());

const fetcher = createFetcher({
  allowHosts: "127.0.0.1",
  timeoutMs: 5000,
  connectTimeoutMs: 1000,
  maxBytes: 1024 * 1024,
  perHostConcurrency: 2,
});
afterAll(() => fetcher.close());
const deps: PollDeps = {
  fetcher,
  now: () => new Date("2024-03-06T12:00:00Z"),
  random: () => 0.5,
  intervalMinutes: 15,
};

describe("feed item pages pass the common input check", () => {
  it("reads HTML pages (also one labelled text/plain) and refuses the rest with the common messages", async () => {
    const r = await pollFeed(newFeedState(server.url("/feed.xml")), deps);
    expect(r.status).toBe("ok");
    const read = new Map(r.items.map((i) => [i.key.replace("guid:", ""), i.article]));
    for (const key of ["html", "html-as-text"]) {
      expect(read.get(key)?.text).toContain("Ana Lopes");
      expect(read.get(key)?.text).not.toMatch(/<|doctype/i);
    }
    const errors = new Map(r.itemErrors.map((e) => [e.key.replace("guid:", ""), e.error]));
    expect(errors.get("empty")).toContain(REFUSALS.empty);
    expect(errors.get("emoji")).toContain(REFUSALS.no_letters);
    expect(errors.get("file")).toBe(SCHEME);
    // The file: link was never fetched, and nothing was filed for what was refused.
    expect(server.requests.map((q) => q.url)).not.toContain("/etc/passwd");
    expect([...read.keys()].sort()).toEqual(["html", "html-as-text"]);
  });
});
