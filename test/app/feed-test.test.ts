import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCommandText } from "../../commands/parse.js";
import { commandRegistry } from "../../commands/registry.js";
import { executeCommand, type Outcome } from "../../commands/run.js";
import { createLogger } from "../../src/app/logger.js";
import { createServices, type Wiring } from "../../src/app/wiring.js";
import { loadConfig } from "../../src/config.js";
import { renderText } from "../../src/render/text.js";
import { contextFor } from "../commands/helpers.js";

const ITEMS = 12;
const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loopback News</title><link>http://example.test/</link>
${Array.from(
  { length: ITEMS },
  (_, i) => `<item><title>Story number ${ITEMS - i}</title><link>http://example.test/s/${ITEMS - i}</link>
<guid>s-${ITEMS - i}</guid><description>Teaser ${ITEMS - i}.</description></item>`,
).join("\n")}
</channel></rss>`;

let server: Server;
let base: string;
let dataDir: string;
const wirings: Wiring[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/feed.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss);
    } else if (req.url === "/") {
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(`<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>
<body><p>Home</p></body></html>`);
    } else if (req.url === "/plain") {
      res
        .writeHead(200, { "content-type": "text/html" })
        .end("<html><body><p>No feed here</p></body></html>");
    } else res.writeHead(404).end("not found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dataDir = mkdtempSync(join(tmpdir(), "newsdesk-feed-test-"));
});

afterAll(async () => {
  for (const w of wirings) await w.services.close();
  await new Promise((r) => server.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

async function feeds(subcommand: "test" | "add", url: string, allowHosts = "127.0.0.1") {
  const config = loadConfig({ DATA_DIR: dataDir, FETCH_ALLOW_HOSTS: allowHosts, LOG_LEVEL: "silent" });
  const wiring = await createServices(config, createLogger("silent"));
  wirings.push(wiring);
  const ctx = await contextFor({ isAdmin: true, services: wiring.services });
  const outcomes: Outcome[] = [];
  const reply = await executeCommand(
    ctx,
    commandRegistry,
    parseCommandText(commandRegistry, "feeds", `${subcommand} ${url}`),
    {
      onDone: (_n, o) => outcomes.push(o),
    },
  );
  const followed = () => wiring.services.feeds.list(ctx.tenant, ctx.channelId);
  return { reply, text: renderText(reply), outcome: outcomes[0], followed };
}
const feedsTest = (url: string, allowHosts?: string) => feeds("test", url, allowHosts);

describe("/feeds test over the real wiring (loopback feed)", () => {
  it("with include:/exclude: says which items a filter would keep or drop, and why", async () => {
    const { text, outcome } = await feedsTest(`${base}/feed.xml include:"story OR teaser" exclude:12`);
    expect(outcome).toBe("ok");
    expect(text).toContain("Story number 12 — http://example.test/s/12 (dropped: matches exclude '12')");
    expect(text).toContain("Story number 11 — http://example.test/s/11 (kept: matches 'story')");
    const wrong = await feedsTest(`${base}/feed.xml include:"OR climate"`);
    expect(wrong.outcome).toBe("user_error");
    expect(wrong.text).toMatch(/The filter cannot be used: "OR" needs a term on each side/);
  });

  it("lists the newest ten items with their links, and follows nothing", async () => {
    const { text, outcome, reply } = await feedsTest(`${base}/feed.xml`);
    expect(outcome).toBe("ok");
    expect(reply.ephemeral).toBe(true);
    expect(text).toContain("Loopback News");
    expect(text).toContain(`${ITEMS} items; the latest:`);
    expect(text).toContain("Story number 12 — http://example.test/s/12");
    expect(text).toContain("Story number 3 — http://example.test/s/3");
    expect(text).not.toContain("Story number 2 ");
    expect(text).not.toMatch(/Story number 1\b/);
    const wiring = wirings.at(-1)!;
    expect(await wiring.services.feeds.list("t1", "c1")).toEqual([]);
  });

  it("follows a home page to the feed it advertises and says which URL to add", async () => {
    const { text, outcome } = await feedsTest(`${base}/`);
    expect(outcome).toBe("ok");
    expect(text).toContain("Story number 12");
    expect(text).toContain(`The feed itself is at ${base}/feed.xml`);
  });

  it.each([
    { what: "a missing feed", path: "/gone.xml", says: /Could not read the feed at .*\/gone\.xml: .*404/s },
    { what: "a page that is no feed", path: "/plain", says: /Could not read the feed at .*\/plain: /s },
    { what: "not a web address", path: null, says: /"ftp:\/\/x" is not a web address/ },
  ])("explains $what as a user error", async ({ path, says }) => {
    const { text, outcome } = await feedsTest(path === null ? "ftp://x" : `${base}${path}`);
    expect(outcome).toBe("user_error");
    expect(text).toMatch(says);
  });

  it("refuses a loopback feed unless FETCH_ALLOW_HOSTS allows it (SSRF guard)", async () => {
    const { text, outcome } = await feedsTest(`${base}/feed.xml`, "");
    expect(outcome).toBe("user_error");
    expect(text).toMatch(/Could not read the feed at/);
    expect(text).not.toContain("Story number");
  });
});

describe("/feeds add reads the feed before following it (real wiring, loopback feed)", () => {
  it("follows a readable feed under its own title", async () => {
    const { text, outcome, followed } = await feeds("add", `${base}/feed.xml`);
    expect(outcome).toBe("ok");
    expect(text).toContain(`Following “Loopback News” ${base}/feed.xml in this channel.`);
    expect(await followed()).toEqual([
      {
        url: `${base}/feed.xml`,
        title: "Loopback News",
        status: "ok",
        mode: "digest",
        lastSuccessAt: expect.any(String),
      },
    ]);
  });

  it("follows the feed a home page advertises, not the page", async () => {
    const { text, followed } = await feeds("add", `${base}/`);
    expect(text).toContain(`${base}/feed.xml`);
    expect((await followed()).map((f) => f.url)).toContain(`${base}/feed.xml`);
    expect((await followed()).map((f) => f.url)).not.toContain(`${base}/`);
  });

  it.each([
    {
      what: "a missing feed",
      url: () => `${base}/gone.xml`,
      says: /Not added: could not read a feed at .*404/s,
    },
    {
      what: "a page that is no feed",
      url: () => `${base}/plain`,
      says: /Not added: could not read a feed at .*\/plain/s,
    },
    { what: "not a web address", url: () => "notaurl", says: /"notaurl" is not a web address/ },
  ])("refuses $what and follows nothing", async ({ url, says }) => {
    const { text, outcome, followed } = await feeds("add", url());
    expect(outcome).toBe("user_error");
    expect(text).toMatch(says);
    expect((await followed()).map((f) => f.url)).not.toContain(url());
  });

  it("refuses a private address unless FETCH_ALLOW_HOSTS allows it (SSRF guard)", async () => {
    const { text, outcome } = await feeds("add", "http://10.0.0.1/private.xml", "");
    expect(outcome).toBe("user_error");
    expect(text).toMatch(/Not added: .*private address/s);
  });

  it("follows a feed whose site is down for now, saying the first read failed", async () => {
    // Nothing listens on port 9 (discard): the connection is refused, which may pass.
    const { text, outcome, followed } = await feeds("add", "http://127.0.0.1:9/later.xml");
    expect(outcome).toBe("ok");
    expect(text).toMatch(
      /Following http:\/\/127\.0\.0\.1:9\/later\.xml[\s\S]*But the first read failed \(.+\); Newsdesk will keep trying/,
    );
    expect((await followed()).map((f) => f.url)).toContain("http://127.0.0.1:9/later.xml");
  });
});
