import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { startArticleServer } from "./article-server.js";
import {
  guildCreatePayload,
  messageCreatePayload,
  type RestCall,
  slashInteraction,
  startDiscordStandIn,
} from "./discord-standin.js";

const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-discord-autolinks-"));
let standIn: Awaited<ReturnType<typeof startDiscordStandIn>>;
let pages: Awaited<ReturnType<typeof startArticleServer>>;
let app: RunningNewsdesk;

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  pages = await startArticleServer();
  app = await startNewsdesk({
    config: loadConfig({
      DISCORD_TOKEN: "test-token",
      DISCORD_APP_ID: "200",
      DISCORD_API_URL: standIn.apiUrl,
      DATA_DIR: dataDir,
      FETCH_ALLOW_HOSTS: "127.0.0.1",
      DISCORD_MESSAGE_CONTENT: "true",
      LOG_LEVEL: "silent",
    }),
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
  (c.body?.message_reference as { message_id?: string } | undefined)?.message_id === id;
const settle = () => new Promise((r) => setTimeout(r, 800));
const isCallback = (id: string) => (c: RestCall) =>
  c.path === `/webhooks/200/token-${id}` || c.path.includes(`token-${id}`);

describe("Discord auto-briefs of posted links (Message Content intent opted in)", () => {
  it("asks for the Message Content intent only because DISCORD_MESSAGE_CONTENT is on", async () => {
    expect((await standIn.identify).intents).toBe(1 + 512 + 32768);
  });

  it("briefs an article link posted without a mention once an admin turned autolinks on", {
    timeout: 60_000,
  }, async () => {
    standIn.dispatch("MESSAGE_CREATE", messageCreatePayload("8001", `look ${pages.base}/biden.html`));
    standIn.dispatch(
      "INTERACTION_CREATE",
      slashInteraction(
        "a1",
        "newsdesk",
        [{ type: 1, name: "autolinks", options: [{ type: 3, name: "mode", value: "on" }] }],
        "32",
      ),
    );
    const confirmed = await standIn.waitFor(
      (c) => isCallback("a1")(c) && JSON.stringify(c.body ?? {}).includes("Auto-briefs on"),
    );
    expect(JSON.stringify(confirmed.body)).toContain("Message Content");
    standIn.dispatch(
      "MESSAGE_CREATE",
      messageCreatePayload("8002", `${pages.base}/harbour.html`, { bot: true }),
    );
    standIn.dispatch("MESSAGE_CREATE", messageCreatePayload("8003", `look ${pages.base}/harbour.html`));
    const reply = await standIn.waitFor(replyTo("8003"));
    expect(JSON.stringify(reply.body)).toContain("Rotterdam");
    await settle();
    expect(standIn.calls.filter(replyTo("8001"))).toHaveLength(0);
    expect(standIn.calls.filter(replyTo("8002"))).toHaveLength(0);
    expect(standIn.calls.filter(replyTo("8003"))).toHaveLength(1);
  });
});
