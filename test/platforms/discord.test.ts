import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import type { Services } from "../../src/app/services.js";
import { loadConfig } from "../../src/config.js";
import type { StoryBrief } from "../../src/core/types.js";
import { DISCORD_LIMITS, type DiscordEmbed, embedLength } from "../../src/render/discord.js";
import { containsDiscordMention } from "../../src/render/escape.js";
import { infoReply } from "../../src/render/reply.js";
import { openTestServices } from "../app/test-services.js";
import { slashInteraction, startDiscordStandIn } from "./discord-standin.js";

const longBrief = (title: string): StoryBrief => ({
  title: `${title} @everyone`,
  engine: "extractive",
  engineVersion: "test",
  language: "en",
  keyPoints: Array.from({ length: 5 }, (_, i) => ({
    text: `Point ${i}: <@123456789012345678> and @here were told ${"at length ".repeat(250)}`,
    sentences: [i],
  })),
  quotes: [{ quote: "We are close @everyone", speaker: "John Kirby", sentence: 2, start: 0, end: 1 }],
  openQuestions: [],
  entities: [],
  notes: [],
});

let standIn: Awaited<ReturnType<typeof startDiscordStandIn>>;
let app: RunningNewsdesk;
let services: Services;
let logs = "";

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  const config = loadConfig({
    DISCORD_TOKEN: "test-token",
    DISCORD_APP_ID: "200",
    DISCORD_API_URL: standIn.apiUrl,
    ADMIN_ROLE: "newsroom-admins",
    LOG_LEVEL: "info",
  });
  services = await openTestServices({ summarise: async (i) => longBrief(i.title ?? "Talks") });
  await services.stories.addText("discord:400", {
    text: "Talks resumed in Cairo on Monday.",
    source: "paste",
  });
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs += chunk;
      done();
    },
  });
  app = await startNewsdesk({
    config,
    services,
    stdin: process.stdin,
    stdout: process.stdout,
    interactive: false,
    logger: createLogger("info", sink),
  });
});

afterAll(async () => {
  await app?.stop();
  await standIn?.close();
});

const isCallback = (id: string) => (c: { path: string }) =>
  c.path === `/interactions/${id}/token-${id}/callback`;

function checkEmbeds(embeds: DiscordEmbed[]) {
  expect(embeds.length).toBeGreaterThan(0);
  expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
  expect(embeds.reduce((t, e) => t + embedLength(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  for (const e of embeds)
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
  expect(containsDiscordMention(JSON.stringify(embeds))).toBe(false);
}

describe("Discord (real discord.js against a local gateway and REST)", () => {
  it("identifies with the Guilds and GuildMessages intents only (no privileged one) and prints an invite URL when in no server", async () => {
    const identify = await standIn.identify;
    // Guilds (1 << 0) + GuildMessages (1 << 9); Message Content (1 << 15) only when opted in.
    expect(identify.intents).toBe(1 + 512);
    expect(logs).toContain("https://discord.com/oauth2/authorize?client_id=200");
  });

  it("defers /summary, then edits in embeds within limits with mentions disabled", async () => {
    standIn.dispatch("INTERACTION_CREATE", slashInteraction("1", "summary"));
    const edit = await standIn.waitFor(
      (c) => c.method === "PATCH" && c.path === "/webhooks/200/token-1/messages/@original",
    );
    const callback = await standIn.waitFor(isCallback("1"));
    expect(callback.body?.type).toBe(5);
    expect(standIn.calls.indexOf(callback)).toBeLessThan(standIn.calls.indexOf(edit));
    expect(edit.body?.allowed_mentions).toEqual({ parse: [] });
    checkEmbeds(edit.body?.embeds as DiscordEmbed[]);
    // The long brief does not fit one message: the rest comes as follow-ups, also within limits.
    const follow = await standIn.waitFor((c) => c.method === "POST" && c.path === "/webhooks/200/token-1");
    expect(follow.body?.allowed_mentions).toEqual({ parse: [] });
    checkEmbeds(follow.body?.embeds as DiscordEmbed[]);
  });

  it("shows a denied admin command only to the asker", async () => {
    standIn.dispatch(
      "INTERACTION_CREATE",
      slashInteraction("2", "feeds", [
        { type: 1, name: "add", options: [{ type: 3, name: "url", value: "https://e.com/rss" }] },
      ]),
    );
    const follow = await standIn.waitFor((c) => c.method === "POST" && c.path === "/webhooks/200/token-2");
    expect(follow.body?.flags).toBe(64);
    expect(JSON.stringify(follow.body)).toContain("only admins");
    expect(
      standIn.calls.some(
        (c) => c.method === "DELETE" && c.path === "/webhooks/200/token-2/messages/@original",
      ),
    ).toBe(true);
  });

  it("treats Manage Server and the ADMIN_ROLE role as admins", async () => {
    standIn.dispatch(
      "INTERACTION_CREATE",
      slashInteraction("3", "digest", [{ type: 1, name: "show", options: [] }], "32"),
    );
    const byPermission = await standIn.waitFor(
      (c) => c.method === "POST" && c.path === "/webhooks/200/token-3",
    );
    expect(JSON.stringify(byPermission.body)).not.toContain("only admins");
    standIn.dispatch(
      "INTERACTION_CREATE",
      slashInteraction("4", "digest", [{ type: 1, name: "off", options: [] }], "0", ["777"]),
    );
    const byRole = await standIn.waitFor((c) => c.method === "POST" && c.path === "/webhooks/200/token-4");
    expect(JSON.stringify(byRole.body)).not.toContain("only admins");
    // Past the admin check, the command ran: this channel has no digest to stop.
    expect(JSON.stringify(byRole.body)).toContain("This channel has no digest scheduled.");
  });

  it("sets a feed's filter with /feeds filter and removes a story with /stories remove", async () => {
    const reply = async (id: string, name: string, options: unknown[], permissions = "32") => {
      standIn.dispatch("INTERACTION_CREATE", slashInteraction(id, name, options, permissions));
      const edit = await standIn.waitFor(
        (c) =>
          (c.method === "PATCH" && c.path === `/webhooks/200/token-${id}/messages/@original`) ||
          (c.method === "POST" && c.path === `/webhooks/200/token-${id}`),
      );
      return JSON.stringify(edit.body);
    };
    const url = { type: 3, name: "url", value: "https://example.com/rss.xml" };
    expect(await reply("f1", "feeds", [{ type: 1, name: "add", options: [url] }])).toContain("Feed added");
    const filtered = await reply("f2", "feeds", [
      {
        type: 1,
        name: "filter",
        options: [
          { type: 3, name: "feed", value: "example.com" },
          { type: 3, name: "include", value: '"peace talks" OR ceasefire' },
        ],
      },
    ]);
    expect(filtered).toContain("Filter set");
    expect(filtered).toContain('include: \\"peace talks\\" OR ceasefire');

    const story = await services.stories.addText("discord:400", {
      text: "The harbour crane collapsed on Sunday; nobody was hurt.",
      title: "Harbour",
      source: "paste",
    });
    const remove = { type: 1, name: "remove", options: [{ type: 3, name: "story", value: story!.id }] };
    expect(await reply("f3", "stories", [remove], "0")).toContain("only admins");
    expect(await reply("f4", "stories", [remove])).toContain("no longer appears in digests");
    const list = await reply("f5", "stories", [{ type: 1, name: "list", options: [] }], "0");
    expect(list).not.toContain(story!.id);
    expect(await reply("f6", "summary", [{ type: 3, name: "story", value: story!.id }], "0")).toContain(
      "was removed on",
    );
  });

  it("offers story titles as autocomplete choices", async () => {
    standIn.dispatch(
      "INTERACTION_CREATE",
      slashInteraction("5", "summary", [{ type: 3, name: "story", value: "Tal", focused: true }], "0", [], 4),
    );
    const callback = await standIn.waitFor(isCallback("5"));
    expect(callback.body?.type).toBe(8);
    const choices = (callback.body!.data as { choices: { name: string; value: string }[] }).choices;
    expect(choices).toHaveLength(1);
    expect(choices[0]!.name).toContain("Talks");
    expect(choices[0]!.name.length).toBeLessThanOrEqual(100);
  });

  it("posts a digest to a channel with an enforced nonce", async () => {
    const id = await app.discord!.postToChannel(
      "300",
      infoReply("News digest @everyone", "Three stories"),
      "digest-300-0800",
    );
    expect(id).toBeTruthy();
    const post = await standIn.waitFor((c) => c.method === "POST" && c.path === "/channels/300/messages");
    expect(post.body).toMatchObject({
      nonce: "digest-300-0800",
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
    checkEmbeds(post.body?.embeds as DiscordEmbed[]);
  });
});
