import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore } from "../../src/store/index.js";
import { bridgeOutletA } from "../core/story/fixtures.js";
import { startConsoleBot } from "./console-bot.js";

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-feed-polling-"));
let server: Server;
let base: string;
const served: string[] = [];

beforeAll(async () => {
  // A news site on loopback: a feed and the article page it links to.
  server = createServer((req, res) => {
    served.push(req.url ?? "");
    const html = bridgeOutletA.text
      .split("\n\n")
      .map((p) => `<p>${escapeXml(p)}</p>`)
      .join("");
    if (req.url === "/bridge") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
        `<!doctype html><html><head><title>${escapeXml(bridgeOutletA.title)}</title></head>
<body><article><h1>${escapeXml(bridgeOutletA.title)}</h1>${html}</article></body></html>`,
      );
      return;
    }
    if (req.url !== "/rss") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/rss+xml" }).end(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Porto Vale News</title><link>${base}/</link>
<item><title>${escapeXml(bridgeOutletA.title)}</title><link>${base}/bridge</link><guid>${base}/bridge</guid>
<pubDate>${new Date().toUTCString()}</pubDate><description>${escapeXml(html)}</description></item>
</channel></rss>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the running bot polls the feeds channels follow", () => {
  it("reads a followed feed at start and files its article as a story", { timeout: 60_000 }, async () => {
    // The console's channel follows the feed, as `/feeds add` leaves it.
    const store = await createStore({ DATA_DIR: dataDir, DATABASE_URL: undefined });
    const tenant = await store.tenants.ensure({ platform: "console", externalId: "local" });
    const channel = await store.channels.ensure(tenant.id, { externalId: "console" });
    const feed = await store.feeds.add(tenant.id, { url: `${base}/rss` });
    await store.feeds.subscribe(tenant.id, channel.id, feed.id);
    await store.close();

    const bot = await startConsoleBot({ DATA_DIR: dataDir, FETCH_ALLOW_HOSTS: "127.0.0.1" });
    // The first scheduler tick runs at start; ask for the stories until the feed's one is there.
    const deadline = Date.now() + 30_000;
    while (!bot.output().includes(bridgeOutletA.title) && Date.now() < deadline) {
      bot.stdin.write("/stories\n");
      await new Promise((r) => setTimeout(r, 200));
    }
    bot.stdin.end();
    await bot.app.done;
    expect(served).toContain("/rss");
    expect(bot.output()).toContain(bridgeOutletA.title);
  });
});
