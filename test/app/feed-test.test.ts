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

async function feedsTest(url: string, allowHosts = "127.0.0.1") {
  const config = loadConfig({ DATA_DIR: dataDir, FETCH_ALLOW_HOSTS: allowHosts, LOG_LEVEL: "silent" });
  const wiring = await createServices(config, createLogger("silent"));
  wirings.push(wiring);
  const ctx = contextFor({ isAdmin: true, services: wiring.services });
  const outcomes: Outcome[] = [];
  const reply = await executeCommand(
    ctx,
    commandRegistry,
    parseCommandText(commandRegistry, "feeds", `test ${url}`),
    {
      onDone: (_n, o) => outcomes.push(o),
    },
  );
  return { reply, text: renderText(reply), outcome: outcomes[0] };
}

describe("/feeds test over the real wiring (loopback feed)", () => {
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
