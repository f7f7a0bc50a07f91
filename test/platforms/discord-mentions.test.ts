import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { containsDiscordMention } from "../../src/render/escape.js";
import { startArticleServer } from "./article-server.js";
import {
  guildCreatePayload,
  messageCreatePayload,
  type RestCall,
  slashInteraction,
  startDiscordStandIn,
} from "./discord-standin.js";

const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-discord-mentions-"));
let standIn: Awaited<ReturnType<typeof startDiscordStandIn>>;
let pages: Awaited<ReturnType<typeof startArticleServer>>;
let app: RunningNewsdesk;

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  pages = await startArticleServer();
  const config = loadConfig({
    DISCORD_TOKEN: "test-token",
    DISCORD_APP_ID: "200",
    DISCORD_API_URL: standIn.apiUrl,
    DATA_DIR: dataDir,
    FETCH_ALLOW_HOSTS: "127.0.0.1",
    LOG_LEVEL: "silent",
  });
  app = await startNewsdesk({
    config,
    stdin: process.stdin,
    stdout: process.stdout,
    interactive: false,
    logger: createLogger("silent"),
  });
  standIn.dispatch("GUILD_CREATE", guildCreatePayload("400", ["300"]));
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await standIn?.close();
  await pages?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const replyTo = (id: string) => (c: RestCall) =>
  c.method === "POST" &&
  /^\/channels\/\d+\/messages$/.test(c.path) &&
  (c.body?.message_reference as { message_id?: string } | undefined)?.message_id === id;
const posts = (id: string) => standIn.calls.filter(replyTo(id));
const idOf = (c: RestCall, channel = "300") =>
  String(
    standIn.channels.byChannel
      .get(channel)
      ?.find((m) => JSON.stringify(m.embeds) === JSON.stringify(c.body?.embeds))?.id,
  );

describe("Discord conversations: mentions and replies (real discord.js, local gateway)", () => {
  let briefId = "";

  it("answers a mention with a link with the brief as a reply to it, pinging no one", {
    timeout: 60_000,
  }, async () => {
    standIn.dispatch(
      "MESSAGE_CREATE",
      messageCreatePayload("9001", `<@100> read this ${pages.base}/biden.html`, { mentionsBot: true }),
    );
    const posted = await standIn.waitFor(replyTo("9001"));
    const all = JSON.stringify(posted.body);
    expect(all).toContain("Added as story");
    expect(all).toContain("Biden");
    expect(posted.body?.allowed_mentions).toMatchObject({ parse: [], replied_user: false });
    expect(containsDiscordMention(all)).toBe(false);
    // The typing indicator went out before the brief.
    const typing = standIn.calls.findIndex((c) => c.path === "/channels/300/typing");
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(typing).toBeLessThan(standIn.calls.indexOf(posted));
    briefId = idOf(posted);
    expect(briefId).toMatch(/^\d+$/);
  });

  it("answers a mention replying to the brief about that story, not the latest one", {
    timeout: 60_000,
  }, async () => {
    standIn.dispatch(
      "MESSAGE_CREATE",
      messageCreatePayload("9002", `<@100> ${pages.base}/harbour.html`, { mentionsBot: true }),
    );
    expect(JSON.stringify((await standIn.waitFor(replyTo("9002"))).body)).toContain("Rotterdam");

    standIn.dispatch(
      "MESSAGE_CREATE",
      messageCreatePayload("9003", "<@100> more", { mentionsBot: true, replyTo: briefId }),
    );
    const more = JSON.stringify((await standIn.waitFor(replyTo("9003"))).body);
    expect(more).toContain("Netanyahu");
    expect(more).not.toContain("Rotterdam");

    // The asker's own message maps too: a reply to it (with a ping of the bot) is about the same story.
    standIn.dispatch(
      "MESSAGE_CREATE",
      messageCreatePayload("9004", `<@100> who said "hot mic"?`, { mentionsBot: true, replyTo: "9001" }),
    );
    expect(JSON.stringify((await standIn.waitFor(replyTo("9004"))).body)).toContain("Joe Biden");
  });

  it("answers inside a thread started from the brief's message", { timeout: 60_000 }, async () => {
    standIn.dispatch("THREAD_CREATE", {
      ...guildCreatePayload("400", [], [{ id: "9001", parentId: "300" }]).threads[0],
      newly_created: true,
    });
    standIn.dispatch(
      "MESSAGE_CREATE",
      messageCreatePayload("9005", "<@100> more", { mentionsBot: true, channelId: "9001" }),
    );
    const more = JSON.stringify((await standIn.waitFor(replyTo("9005"))).body);
    expect(more).toContain("Netanyahu");
  });

  it("keeps a hostile article's text neutral in the reply", { timeout: 60_000 }, async () => {
    standIn.dispatch(
      "MESSAGE_CREATE",
      messageCreatePayload("9020", `<@100> ${pages.base}/hostile.html`, { mentionsBot: true }),
    );
    const all = JSON.stringify((await standIn.waitFor(replyTo("9020"))).body);
    expect(all).toContain("Council vote");
    expect(containsDiscordMention(all)).toBe(false);
  });

  it("ignores bots and messages that do not mention it (no Message Content intent: no content)", {
    timeout: 60_000,
  }, async () => {
    standIn.dispatch(
      "MESSAGE_CREATE",
      messageCreatePayload("9006", "<@100> more", { mentionsBot: true, bot: true }),
    );
    standIn.dispatch("MESSAGE_CREATE", messageCreatePayload("9007", ""));
    standIn.dispatch("MESSAGE_CREATE", messageCreatePayload("9008", "<@100> more", { mentionsBot: true }));
    await standIn.waitFor(replyTo("9008"));
    expect(posts("9006")).toHaveLength(0);
    expect(posts("9007")).toHaveLength(0);
  });

  it("answers a reply to a digest about the item it names", { timeout: 60_000 }, async () => {
    standIn.dispatch(
      "INTERACTION_CREATE",
      slashInteraction("d1", "digest", [{ type: 1, name: "now", options: [] }], "32"),
    );
    const digest = await standIn.waitFor(
      (c) => c.method === "POST" && c.path === "/channels/300/messages" && typeof c.body?.nonce === "string",
    );
    // Numbered headings ("1." escaped so Discord shows it as typed, not as a list).
    const embeds = (digest.body?.embeds ?? []) as { description: string }[];
    const text = String(embeds[0]?.description);
    expect(text).toMatch(/^\*\*1\\\. /m);
    // Which story is which item is the digest's choice: read the titles from the message.
    const titleOf = (n: number) =>
      new RegExp(`^\\*\\*${n}\\\\\\. (.+?)\\*\\*$`, "m").exec(text)?.[1]?.replace(/\\/g, "") ?? "";
    const [first, second] = [titleOf(1), titleOf(2)].map((t) => t.split(" ").slice(0, 4).join(" "));
    expect(second).not.toBe("");
    expect(first).not.toBe("");
    expect(first).not.toBe(second);
    const digestId = idOf(digest);
    // A reply pings the author by default: the bot is in its mentions, so its content arrives.
    standIn.dispatch(
      "MESSAGE_CREATE",
      messageCreatePayload("9010", "<@100> 2 more", { mentionsBot: true, replyTo: digestId }),
    );
    const reply = JSON.stringify((await standIn.waitFor(replyTo("9010"))).body);
    expect(reply).toContain(second);
    expect(reply).not.toContain(first);
  });
});
