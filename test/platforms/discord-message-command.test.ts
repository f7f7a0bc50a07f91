import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { containsDiscordMention } from "../../src/render/escape.js";
import { slashInteraction, startDiscordStandIn } from "./discord-standin.js";

const PAGE = readFileSync(new URL("../fixtures/ingest/news-article.html", import.meta.url), "utf8").replace(
  "</h1>",
  "</h1><p>Readers told @everyone and &lt;@123456789012345678&gt; about the bridge on Tuesday.</p>",
);

let standIn: Awaited<ReturnType<typeof startDiscordStandIn>>;
let app: RunningNewsdesk;
let pages: Server;
let pageUrl: string;
let dataDir: string;
let gate: Promise<void> = Promise.resolve();
let pageRequests = 0;

beforeAll(async () => {
  pages = createServer(async (_req, res) => {
    pageRequests++;
    await gate;
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(PAGE);
  });
  await new Promise<void>((r) => pages.listen(0, "127.0.0.1", r));
  pageUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}/news/bridge.html`;
  standIn = await startDiscordStandIn();
  dataDir = mkdtempSync(join(tmpdir(), "newsdesk-discord-message-"));
  app = await startNewsdesk({
    config: loadConfig({
      DISCORD_TOKEN: "test-token",
      DISCORD_APP_ID: "200",
      DISCORD_API_URL: standIn.apiUrl,
      DATA_DIR: dataDir,
      FETCH_ALLOW_HOSTS: "127.0.0.1",
      LOG_LEVEL: "silent",
    }),
    stdin: process.stdin,
    stdout: process.stdout,
    interactive: false,
    logger: createLogger("silent"),
  });
}, 30_000);

afterAll(async () => {
  await app?.stop();
  await standIn?.close();
  await new Promise((r) => pages?.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

const author = { id: "600", username: "writer", discriminator: "0", avatar: null };
const messageOf = (id: string, content: string, flags = 0) => ({
  id,
  channel_id: "300",
  author,
  content,
  timestamp: "2026-12-02T10:00:00.000Z",
  edited_timestamp: null,
  tts: false,
  mention_everyone: false,
  mentions: [],
  mention_roles: [],
  attachments: [],
  embeds: [],
  pinned: false,
  type: 0,
  flags,
});

/** "Summarise" chosen under Apps on message `messageId`, as Discord dispatches it. */
function summariseInteraction(id: string, messageId: string, content: string) {
  const base = slashInteraction(id, "Summarise");
  return {
    ...base,
    data: {
      id: "cmd-summarise",
      name: "Summarise",
      type: 3,
      target_id: messageId,
      resolved: { messages: { [messageId]: messageOf(messageId, content) } },
    },
  };
}

const webhook = (id: string) => `/webhooks/200/token-${id}`;
const isCallback = (id: string) => (c: { path: string }) =>
  c.path === `/interactions/${id}/token-${id}/callback`;
const followUpOf = (id: string) => (c: { method: string; path: string }) =>
  c.method === "POST" && c.path === webhook(id);
const editOf = (id: string) => (c: { method: string; path: string }) =>
  c.method === "PATCH" && c.path === `${webhook(id)}/messages/@original`;

describe("Discord message command: Summarise (real discord.js, real store, real fetch)", () => {
  it("defers privately before reading, shows the brief with Post here, which posts it for everyone", {
    timeout: 30_000,
  }, async () => {
    await standIn.identify;
    let release!: () => void;
    gate = new Promise((r) => {
      release = r;
    });
    standIn.dispatch(
      "INTERACTION_CREATE",
      summariseInteraction("71", "8001", `look: <${pageUrl}> (big news)`),
    );
    const deferred = await standIn.waitFor(isCallback("71"));
    // Deferred (type 5) and ephemeral (flag 64) while the page was still held.
    expect(deferred.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(standIn.calls.some(editOf("71"))).toBe(false);
    release();
    const edit = await standIn.waitFor(editOf("71"));
    expect(pageRequests).toBeGreaterThan(0);
    const shown = JSON.stringify(edit.body);
    expect(shown).toContain("Harbour bridge reopens");
    expect(containsDiscordMention(shown)).toBe(false);
    expect(edit.body?.allowed_mentions).toEqual({ parse: [] });
    const row = (edit.body!.components as { components: { custom_id: string; label: string }[] }[])[0]!;
    const button = row.components[0]!;
    expect(button.label).toBe("Post here");
    expect(button.custom_id.length).toBeLessThanOrEqual(100);

    // Clicking the button on the private reply: the reply is updated without its button, then the
    // brief is posted for the channel as a public follow-up.
    const click = (id: string) =>
      standIn.dispatch("INTERACTION_CREATE", {
        ...slashInteraction(id, "unused"),
        type: 3,
        data: { custom_id: button.custom_id, component_type: 2 },
        message: messageOf("8002", "", 64),
      });
    click("72");
    const update = await standIn.waitFor(isCallback("72"));
    expect(update.body).toMatchObject({ type: 7, data: { components: [] } });
    const posted = await standIn.waitFor(followUpOf("72"));
    expect(JSON.stringify(posted.body)).toContain("Harbour bridge reopens");
    expect(containsDiscordMention(JSON.stringify(posted.body))).toBe(false);
    expect(((posted.body?.flags as number | undefined) ?? 0) & 64).toBe(0);
    expect(posted.body?.components ?? []).toEqual([]);

    // A second click that raced the update (a double click): answered privately, nothing posted.
    click("75");
    await standIn.waitFor(isCallback("75"));
    const second = await standIn.waitFor(followUpOf("75"));
    expect(JSON.stringify(second.body)).toContain("already posted here");
    expect(second.body?.flags).toBe(64);
    const publicPosts = standIn.calls.filter(
      (c) =>
        (followUpOf("72")(c) || followUpOf("75")(c)) &&
        (((c.body?.flags as number | undefined) ?? 0) & 64) === 0,
    );
    expect(publicPosts).toHaveLength(1);
  });

  it("says so when the message has no links", async () => {
    standIn.dispatch("INTERACTION_CREATE", summariseInteraction("73", "8003", "good morning everyone"));
    const edit = await standIn.waitFor(editOf("73"));
    expect(JSON.stringify(edit.body)).toContain("That message has no links to brief.");
    expect(edit.body?.components).toEqual([]);
  });

  it("refuses an internal address with /add's SSRF reason", async () => {
    standIn.dispatch("INTERACTION_CREATE", summariseInteraction("74", "8004", "http://192.168.1.1/router"));
    const edit = await standIn.waitFor(editOf("74"));
    expect(JSON.stringify(edit.body)).toContain("it is a private address");
    expect(edit.body?.components).toEqual([]);
  });
});
