import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandRegistry } from "../../commands/registry.js";
import { createLogger } from "../../src/app/logger.js";
import { createMetrics } from "../../src/app/metrics.js";
import { createPlatformPoster, type PlatformPoster } from "../../src/app/poster.js";
import { createStoreServices } from "../../src/app/services/index.js";
import { loadConfig } from "../../src/config.js";
import { buildExtractiveBrief } from "../../src/core/analyse.js";
import type { StoryBrief } from "../../src/core/types.js";
import { createAlertRunner } from "../../src/digest/alert-runner.js";
import { ManualClock } from "../../src/digest/clock.js";
import { fileReceipts } from "../../src/platforms/console/receipts.js";
import { createDiscordAdapter, type DiscordAdapter } from "../../src/platforms/discord/discord.js";
import { createSlackAdapter, type SlackAdapter } from "../../src/platforms/slack/slack.js";
import { openSqlite } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { sampleArticle } from "../store/samples.js";
import { startDiscordStandIn } from "./discord-standin.js";
import { postEvent, startSlackStandIn } from "./slack-standin.js";

const dir = mkdtempSync(join(tmpdir(), "newsdesk-alert-posts-"));
let store: Store;
let poster: PlatformPoster;
let discordStandIn: Awaited<ReturnType<typeof startDiscordStandIn>>;
let slackStandIn: Awaited<ReturnType<typeof startSlackStandIn>>;
let discord: DiscordAdapter;
let slack: SlackAdapter;
const clock = new ManualClock("2026-04-01T10:00:00Z");
const ROLE = "123456789012345678";
const GROUP = "S0614TZR7";

beforeAll(async () => {
  store = await openSqlite(join(dir, "newsdesk.db"));
  const services = createStoreServices({
    store,
    summarise: async (i) => buildExtractiveBrief(i),
    defaultTimezone: "UTC",
  });
  discordStandIn = await startDiscordStandIn();
  slackStandIn = await startSlackStandIn();
  const common = {
    services,
    registry: commandRegistry,
    metrics: createMetrics(),
    logger: createLogger("silent"),
  };
  discord = createDiscordAdapter({
    ...common,
    config: loadConfig({ DISCORD_TOKEN: "t", DISCORD_APP_ID: "200", DISCORD_API_URL: discordStandIn.apiUrl }),
  });
  await discord.start();
  slack = createSlackAdapter({
    ...common,
    config: loadConfig({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: "secret",
      PORT: "1",
      SLACK_API_URL: `${slackStandIn.url}/api`,
    }),
  });
  // Started (auth.test against the stand-in) so Bolt answers signed events for the fold's thread.
  await slack.start();
  poster = createPlatformPoster(store, createLogger("silent"));
  poster.attach({ discord, slack });
});
afterAll(async () => {
  await discord?.stop();
  await slack?.stop();
  await store?.close();
  await discordStandIn?.close();
  await slackStandIn?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A brief whose first key point tries to ping everyone (article text must never ping). */
function brief(points: string[], quotes: { quote: string; speaker: string }[]): StoryBrief {
  return {
    title: "Harbour bridge reopens",
    engine: "extractive",
    engineVersion: "test",
    language: "en",
    keyPoints: points.map((text, i) => ({ text, sentences: [i] })),
    quotes: quotes.map((q, i) => ({
      ...q,
      speakerConfidence: "high" as const,
      sentence: 5 + i,
      start: 0,
      end: 1,
    })),
    openQuestions: [],
    entities: [],
    notes: [],
  };
}

/** An alert-mode channel of a workspace with a notify setting and one story from its feed. */
async function alertChannel(platform: "discord" | "slack", guild: string, channelId: string, notify: string) {
  const tenant = await store.tenants.ensure({ platform, externalId: guild });
  const channel = await store.channels.ensure(tenant.id, { externalId: channelId });
  const feed = await store.feeds.add(tenant.id, { url: `https://${guild}.example/rss` }, clock.now());
  await store.feeds.subscribe(tenant.id, channel.id, feed.id);
  await store.alerts.setMode(tenant.id, channel.id, feed.id, { mode: "alert", notify }, clock.now());
  await store.alertWorker.start(feed.id, clock.now());
  clock.advance(60_000);
  const article = sampleArticle(Number(channelId.replace(/\D/g, "")) || 7, {
    url: `https://${guild}.example/bridge`,
  });
  const saved = await store.articles.save(tenant.id, article, { feedId: feed.id }, clock.now());
  const save = (b: StoryBrief) =>
    store.stories.save(
      tenant.id,
      { storyKey: "bridge", title: b.title, brief: b, articleIds: [saved.id] },
      clock.now(),
    );
  await save(
    brief(
      ["@everyone the bridge reopened <!channel> on Monday.", "12 lanes are open to traffic."],
      [{ quote: "It is a great day for the city", speaker: "Ana Ruiz" }],
    ),
  );
  return { tenant, channel, feed, save };
}

/** The story gains reporting: a new key point, a changed number and a new quote. */
const updated = () =>
  brief(
    [
      "@everyone the bridge reopened <!channel> on Monday.",
      "15 lanes are open to traffic.",
      "Tolls will be waived until June.",
    ],
    [
      { quote: "It is a great day for the city", speaker: "Ana Ruiz" },
      { quote: "We expect queues on the first day", speaker: "Tom Berg" },
    ],
  );

describe("alerts on Discord (real discord.js against the REST stand-in)", () => {
  it("posts the alert with the one configured role mention, and the update as a reply to it", async () => {
    const { save } = await alertChannel("discord", "400", "3101", `discord-role:${ROLE}`);
    const runner = createAlertRunner({ store, poster, clock, maxPerHour: 6 });
    expect(await runner.tick()).toMatchObject({ alerts: 1 });
    const creates = () =>
      discordStandIn.calls.filter((c) => c.method === "POST" && c.path === "/channels/3101/messages");
    const first = creates()[0]!.body!;
    expect(String(first.content)).toMatch(new RegExp(`^<@&${ROLE}>`));
    expect(first.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    const embed = (first.embeds as { title: string; description: string; url?: string }[])[0]!;
    expect(embed.title).toBe("Harbour bridge reopens");
    expect(embed.url).toBe("https://400.example/bridge");
    expect(embed.description).toContain("Ana Ruiz");
    // Article text never pings: @everyone is neutralised by the renderer's escaper.
    expect(embed.description).not.toMatch(/(^|[^\u200b])@everyone/);
    expect(String(first.content)).not.toContain("everyone");
    const firstId = (discordStandIn.channels.byChannel.get("3101") ?? [])[0]!.id;
    // A reply to the alert is about its story (issue 15).
    const discordTenant = await store.tenants.ensure({ platform: "discord", externalId: "400" });
    const [storyId] = await store.threads.storiesOf(discordTenant.id, {
      channel: "3101",
      thread: String(firstId),
    });
    expect((await store.stories.get(discordTenant.id, storyId!))?.title).toBe("Harbour bridge reopens");

    clock.advance(5 * 60_000);
    await save(updated());
    expect(await runner.tick()).toMatchObject({ updates: 1 });
    const update = creates()[1]!.body!;
    expect(update.message_reference).toEqual({ message_id: firstId, fail_if_not_exists: false });
    const u = (update.embeds as { title: string; description: string }[])[0]!;
    expect(u.title).toBe("Update: Harbour bridge reopens");
    expect(u.description).toContain("Changed: 12 → 15: 15 lanes are open to traffic.");
    expect(u.description).toContain("New: Tolls will be waived until June.");
    expect(u.description).toContain("New quote:");
    expect(u.description).toContain("Tom Berg");

    // The same version again changes nothing: no third post.
    clock.advance(5 * 60_000);
    await save(updated());
    expect(await runner.tick()).toMatchObject({ alerts: 0, updates: 0 });
    expect(creates()).toHaveLength(2);
  });
});

describe("alerts on Slack (real WebClient against the Slack stand-in)", () => {
  it("posts the alert with the user group mention, and the update in its thread", async () => {
    const { save } = await alertChannel("slack", "T1", "CALERT1", `slack-subteam:${GROUP}`);
    const runner = createAlertRunner({ store, poster, clock, maxPerHour: 6 });
    expect(await runner.tick()).toMatchObject({ alerts: 1 });
    const posts = () =>
      slackStandIn.calls.filter((c) => c.path === "/api/chat.postMessage" && c.body.channel === "CALERT1");
    const first = posts()[0]!.body;
    expect(String(first.text)).toMatch(new RegExp(`^<!subteam\\^${GROUP}> `));
    const blocks = first.blocks as { text?: { text: string } }[];
    expect(blocks[0]!.text!.text).toBe(`<!subteam^${GROUP}>`);
    const all = blocks.map((b) => b.text?.text ?? "").join("\n");
    // Only the configured group: the article's <!channel> and @everyone stay inert text.
    expect(all).not.toContain("<!channel>");
    expect(all.match(/<!/g)).toHaveLength(1);
    expect(first.metadata).toMatchObject({ event_type: "newsdesk_digest" });
    const firstTs = (slackStandIn.history.byChannel.get("CALERT1") ?? [])[0]!.ts;
    const slackTenant = await store.tenants.ensure({ platform: "slack", externalId: "T1" });
    expect(
      await store.threads.storiesOf(slackTenant.id, { channel: "CALERT1", thread: firstTs }),
    ).toHaveLength(1);

    clock.advance(5 * 60_000);
    await save(updated());
    expect(await runner.tick()).toMatchObject({ updates: 1 });
    const update = posts()[1]!.body;
    expect(update.thread_ts).toBe(firstTs);
    expect(String(update.text)).toContain("Update: Harbour bridge reopens");
    const text = (update.blocks as { text?: { text: string } }[]).map((b) => b.text?.text ?? "").join("\n");
    expect(text).toContain("Changed: 12 → 15: 15 lanes are open to traffic.");
    expect(text).toContain("New: Tolls will be waived until June.");
  });
});

describe("a fold on Slack knows its stories (real Bolt, signed events)", () => {
  it('maps the fold\'s stories to its thread, so "2 more" there is about its second story', {
    timeout: 30_000,
  }, async () => {
    const tenant = await store.tenants.ensure({ platform: "slack", externalId: "T1" });
    const channel = await store.channels.ensure(tenant.id, { externalId: "CFOLD" });
    const feed = await store.feeds.add(tenant.id, { url: "https://fold.example/rss" }, clock.now());
    await store.feeds.subscribe(tenant.id, channel.id, feed.id);
    await store.alerts.setMode(tenant.id, channel.id, feed.id, { mode: "alert" }, clock.now());
    await store.alertWorker.start(feed.id, clock.now());
    const places = ["Harbour", "Railway", "Library"];
    for (const [i, place] of places.entries()) {
      clock.advance(60_000);
      const article = sampleArticle(900 + i, {
        url: `https://fold.example/${place.toLowerCase()}`,
        title: `${place} plan approved`,
        text: `The ${place.toLowerCase()} plan was approved on Monday. "It took ${i + 2} years," said ${place} Warden.`,
      });
      const saved = await store.articles.save(tenant.id, article, { feedId: feed.id }, clock.now());
      const b = {
        ...brief([`The ${place.toLowerCase()} plan was approved on Monday.`], []),
        title: `${place} plan approved`,
      };
      await store.stories.save(
        tenant.id,
        { storyKey: `fold-${place}`, title: b.title, brief: b, articleIds: [saved.id] },
        clock.now(),
      );
    }
    // One alert an hour: the newest is alerted, the other two folded, newest first.
    const runner = createAlertRunner({ store, poster, clock, maxPerHour: 1 });
    expect(await runner.tick()).toMatchObject({ alerts: 1, folds: 1, folded: 2 });
    const history = slackStandIn.history.byChannel.get("CFOLD") ?? [];
    const posts = slackStandIn.calls.filter(
      (c) => c.path === "/api/chat.postMessage" && c.body.channel === "CFOLD",
    );
    expect(String(posts[1]!.body.text)).toContain("And 2 more stories");
    const foldTs = history[1]!.ts;
    const listed = await store.threads.storiesOf(tenant.id, { channel: "CFOLD", thread: foldTs });
    const titlesListed = await Promise.all(
      listed.map(async (id) => (await store.stories.get(tenant.id, id))?.title),
    );
    expect(titlesListed).toEqual(["Railway plan approved", "Harbour plan approved"]);

    // A reply in the fold's thread, through the real Slack adapter: answered about its second story.
    const server = createServer(slack.requestListener!);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await postEvent(base, "secret", "T1", {
        type: "message",
        user: "U3",
        text: "2 more",
        channel: "CFOLD",
        ts: "1700009999.000100",
        thread_ts: foldTs,
      });
      const reply = await slackStandIn.waitFor(
        (c) =>
          c.path === "/api/chat.postMessage" && c.body.channel === "CFOLD" && c.body.thread_ts === foldTs,
      );
      const text = JSON.stringify(reply.body);
      expect(text).toContain("Harbour plan approved");
      expect(text).not.toContain("Railway plan approved");
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe("alerts on the console (the platform poster's console path, with print receipts)", () => {
  it("prints an alert once, and a resumed post that was printed is not printed again", async () => {
    const printed: string[] = [];
    const consolePoster = createPlatformPoster(store, createLogger("silent"));
    consolePoster.attach({
      console: (t) => printed.push(t),
      consoleReceipts: fileReceipts(join(dir, "receipts.log")),
    });
    const tenant = await store.tenants.ensure({ platform: "console", externalId: "local" });
    const channel = await store.channels.ensure(tenant.id, { externalId: "console" });
    const alert = {
      kind: "alert" as const,
      tenantId: tenant.id,
      channelId: channel.id,
      channelExternalId: "console",
      title: "Harbour bridge reopens @everyone",
      url: "https://news.example/bridge",
      lines: ["The bridge reopened on Monday.", "12 lanes are open."],
    };
    await consolePoster.postAlert(alert, { nonce: "console-alert-1", attempt: 1 });
    await consolePoster.postAlert(alert, {
      nonce: "console-alert-1",
      attempt: 2,
      resumedSince: new Date().toISOString(),
    });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain("Harbour bridge reopens");
    expect(printed[0]).toContain("12 lanes are open.");
  });
});
