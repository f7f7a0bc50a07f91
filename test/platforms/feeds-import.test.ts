import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCommandText } from "../../commands/parse.js";
import { commandRegistry } from "../../commands/registry.js";
import { executeCommand } from "../../commands/run.js";
import { checkFeedToFollow, fetchOpml } from "../../src/app/feed-test.js";
import { createLogger } from "../../src/app/logger.js";
import { createMetrics } from "../../src/app/metrics.js";
import { createStoreServices } from "../../src/app/services/index.js";
import type { Services } from "../../src/app/services.js";
import { loadConfig } from "../../src/config.js";
import { buildExtractiveBrief } from "../../src/core/analyse.js";
import { createFetcher } from "../../src/ingest/fetch/fetcher.js";
import { createDiscordAdapter, type DiscordAdapter } from "../../src/platforms/discord/discord.js";
import { openSqlite } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { range, startFeedSite } from "../digest/alert-helpers.js";
import { slashInteraction, startDiscordStandIn } from "./discord-standin.js";

const dir = mkdtempSync(join(tmpdir(), "newsdesk-feeds-import-"));
let store: Store;
let services: Services;
let site: Awaited<ReturnType<typeof startFeedSite>>;
let standIn: Awaited<ReturnType<typeof startDiscordStandIn>>;
let discord: DiscordAdapter;

beforeAll(async () => {
  site = await startFeedSite();
  site.set("/a.xml", range(1, 2));
  site.set("/b.xml", range(3, 4));
  store = await openSqlite(join(dir, "newsdesk.db"));
  // The real SSRF-checked fetcher: loopback allowed (the test's feed site), private ranges not.
  const fetcher = createFetcher({
    allowHosts: "127.0.0.1",
    timeoutMs: 5000,
    connectTimeoutMs: 2000,
    maxBytes: 1_000_000,
    perHostConcurrency: 4,
  });
  services = createStoreServices({
    store,
    summarise: async (i) => buildExtractiveBrief(i),
    defaultTimezone: "UTC",
    checkFeed: (url) => checkFeedToFollow(fetcher, url),
    fetchOpml: (url) => fetchOpml(fetcher, url),
  });
  standIn = await startDiscordStandIn();
  discord = createDiscordAdapter({
    config: loadConfig({ DISCORD_TOKEN: "t", DISCORD_APP_ID: "200", DISCORD_API_URL: standIn.apiUrl }),
    services,
    registry: commandRegistry,
    metrics: createMetrics(),
    logger: createLogger("silent"),
  });
  await discord.start();
});
afterAll(async () => {
  await discord?.stop();
  await standIn?.close();
  await store?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

const subscriptionList = (base: string) =>
  `<?xml version="1.0"?><opml version="2.0"><head><title>Subscriptions</title></head><body>
<outline text="District A" xmlUrl="${base}/a.xml"/>
<outline text="News"><outline text="District B" xmlUrl="${base}/b.xml"/></outline>
<outline text="Gone" xmlUrl="${base}/gone.xml"/>
<outline text="Intranet" xmlUrl="http://10.20.30.40/feed.xml"/>
<outline text="Script" xmlUrl="javascript:alert(1)"/>
</body></opml>`;

describe("/feeds import on Discord: an attachment fetched from the CDN URL in the interaction", () => {
  it("follows each feed through the checked add and reports per feed, in alert mode when asked", async () => {
    standIn.cdn.set("/attachments/300/9001/feeds.opml", subscriptionList(site.base));
    const interaction = slashInteraction(
      "81",
      "feeds",
      [
        {
          type: 1,
          name: "import",
          options: [
            { type: 11, name: "file", value: "9001" },
            { type: 3, name: "mode", value: "alert" },
          ],
        },
      ],
      "32", // Manage Server: an admin
    ) as ReturnType<typeof slashInteraction> & { data: Record<string, unknown> };
    interaction.data.resolved = {
      attachments: {
        "9001": {
          id: "9001",
          filename: "feeds.opml",
          size: 600,
          url: `${standIn.cdnUrl}/attachments/300/9001/feeds.opml`,
          proxy_url: `${standIn.cdnUrl}/attachments/300/9001/feeds.opml`,
          content_type: "text/x-opml",
        },
      },
    };
    standIn.dispatch("INTERACTION_CREATE", interaction);
    const reply = await standIn.waitFor((c) => c.method === "POST" && c.path === "/webhooks/200/token-81");
    const text = JSON.stringify(reply.body);
    expect(text).toContain("2 added, 0 already followed, 3 not added.");
    expect(text).toContain(`${site.base}/a.xml`);
    expect(text).toContain(`${site.base}/b.xml`);
    expect(text).toMatch(/Gone.*not found/);
    expect(text).toMatch(/Intranet.*(private|not allowed|blocked)/i);
    expect(text).toContain("javascript:alert(1)");

    const tenant = (await store.tenants.find("discord", "400"))!;
    const channel = (await store.channels.findByExternalId(tenant.id, "300"))!;
    expect((await store.feeds.listForChannel(tenant.id, channel.id)).map((f) => f.url)).toEqual([
      `${site.base}/a.xml`,
      `${site.base}/b.xml`,
    ]);
    const subs = await store.alerts.subscriptions(tenant.id, channel.id);
    expect(subs.map((s) => s.mode)).toEqual(["alert", "alert"]);
  });
});

describe("/feeds export on Discord", () => {
  it("sends the channel's feeds as an attached feeds.opml, byte for byte", async () => {
    standIn.dispatch(
      "INTERACTION_CREATE",
      slashInteraction("82", "feeds", [{ type: 1, name: "export", options: [] }]),
    );
    const reply = await standIn.waitFor((c) => c.method === "POST" && c.path === "/webhooks/200/token-82");
    // A file makes discord.js send multipart form data: the OPML is a part of its own.
    const raw = String((reply.body as { raw?: string }).raw ?? "");
    expect(raw).toContain('filename="feeds.opml"');
    expect(raw).toContain(`xmlUrl="${site.base}/a.xml"`);
    expect(raw).toContain("2 feeds in the attached feeds.opml");
  });
});

describe("/feeds import and export on the console (a path)", () => {
  it("imports a file by path, says what was followed already, and exports the channel as OPML", async () => {
    const path = join(dir, "feeds.opml");
    writeFileSync(path, subscriptionList(site.base));
    const ctx = {
      platform: "console" as const,
      tenant: "console",
      channelId: "console",
      userId: "me",
      isAdmin: true,
      services,
      allowLocalFiles: true,
      maxTextBytes: 100_000,
    };
    const run = (text: string) => {
      const inv = parseCommandText(commandRegistry, "feeds", text);
      return executeCommand(ctx, commandRegistry, inv);
    };
    const first = await run(`import ${path}`);
    expect(first.intro).toBe("2 added, 0 already followed, 3 not added.");
    const again = await run(`import ${path}`);
    expect(again.intro).toBe("0 added, 2 already followed, 3 not added.");

    const exported = await run("export");
    const xml = exported.sections[0]!.items.join("\n");
    expect(xml).toContain(`xmlUrl="${site.base}/a.xml"`);
    expect(xml).toContain(`xmlUrl="${site.base}/b.xml"`);
  });
});

describe("alert mode from the console: /feeds mode, /feeds list, and alerts printed", () => {
  it("switches a feed to alerts, lists it as such, and refuses a bad mode with an example", async () => {
    const ctx = {
      platform: "console" as const,
      tenant: "console",
      channelId: "modes",
      userId: "me",
      isAdmin: true,
      services,
      allowLocalFiles: true,
      maxTextBytes: 100_000,
    };
    const run = (text: string) =>
      executeCommand(ctx, commandRegistry, parseCommandText(commandRegistry, "feeds", text));
    const added = await run(`add ${site.base}/a.xml mode:alert backfill:2`);
    expect(added.intro).toContain("Alert mode: each new story is posted here as it arrives");
    expect(added.intro).toContain("The first read posts its 2 newest items");
    expect((await run("list")).sections[0]!.items[0]).toMatch(/· alerts\b/);
    const bad = await run(`mode ${site.base}/a.xml loud`);
    expect(bad.tone).toBe("error");
    expect(bad.intro).toBe('mode must be alert or digest, not "loud".');
    expect(bad.footer).toContain("mode:alert");
    const back = await run(`mode ${site.base}/a.xml digest`);
    expect(back.intro).toContain("New stories wait for this channel's digest");
    expect((await run("list")).sections[0]!.items[0]).not.toContain("[alerts]");
    const notify = await run(`mode ${site.base}/a.xml alert notify:@newsroom`);
    expect(notify.intro).toBe("notify works on Discord and Slack only.");
  });
});
