import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { commandRegistry } from "../../commands/registry.js";
import { createLogger } from "../../src/app/logger.js";
import { createMetrics } from "../../src/app/metrics.js";
import { createPlatformPoster, type PlatformPoster } from "../../src/app/poster.js";
import { loadConfig } from "../../src/config.js";
import { digestToReply } from "../../src/digest/reply.js";
import { partNonce } from "../../src/platforms/discord/digest-post.js";
import { createDiscordAdapter, type DiscordAdapter } from "../../src/platforms/discord/discord.js";
import { renderDiscord } from "../../src/render/discord.js";
import { openSqlite } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { openTestServices } from "../app/test-services.js";
import { digestIn } from "./digest-fixtures.js";
import { startDiscordStandIn } from "./discord-standin.js";

let standIn: Awaited<ReturnType<typeof startDiscordStandIn>>;
let discord: DiscordAdapter;
let poster: PlatformPoster;
let store: Store;
const dir = mkdtempSync(join(tmpdir(), "newsdesk-discord-recovery-"));
const GUILD = { platform: "discord", externalId: "400" } as const;

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  store = await openSqlite(join(dir, "newsdesk.db"));
  const config = loadConfig({ DISCORD_TOKEN: "t", DISCORD_APP_ID: "200", DISCORD_API_URL: standIn.apiUrl });
  discord = createDiscordAdapter({
    config,
    services: await openTestServices({ store }),
    registry: commandRegistry,
    metrics: createMetrics(),
    logger: createLogger("silent"),
  });
  await discord.start();
  poster = createPlatformPoster(store, createLogger("silent"));
  poster.attach({ discord });
});
beforeEach(() => {
  standIn.channels.listNonces = true;
});
afterAll(async () => {
  await discord?.stop();
  await store?.close();
  await standIn?.close();
  rmSync(dir, { recursive: true, force: true });
});

const creates = (channel: string) =>
  standIn.calls.filter((c) => c.method === "POST" && c.path === `/channels/${channel}/messages`);
const held = (channel: string) => standIn.channels.byChannel.get(channel) ?? [];
/** A resumed attempt, as the runner makes it for a run left "posting" a while ago. */
const resumed = (nonce: string) => ({
  nonce,
  attempt: 2,
  resumedSince: new Date(Date.now() - 600_000).toISOString(),
});

describe("Discord digests resumed after the nonce window (real discord.js, REST stand-in)", () => {
  it("finds a digest that reached Discord (record lost) by its nonce and does not post it again", async () => {
    const digest = await digestIn(store, GUILD, "301");
    const first = await poster.post(digest, { nonce: "nonce-lost-301", attempt: 1 });
    standIn.channels.forgetNonces(); // enforce_nonce would no longer catch the repeat
    const again = await poster.post(digest, resumed("nonce-lost-301"));
    expect(again.messageId).toBe(first.messageId);
    expect(creates("301")).toHaveLength(1);
    expect(held("301")).toHaveLength(1);
    const listing = standIn.calls.find((c) => c.method === "GET" && c.path === "/channels/301/messages");
    expect(listing).toBeDefined();
  });

  it("recognises the digest by its text where the listing carries no nonce", async () => {
    standIn.channels.listNonces = false;
    const digest = await digestIn(store, GUILD, "302");
    const first = await poster.post(digest, { nonce: "nonce-text-302", attempt: 1 });
    standIn.channels.forgetNonces();
    const again = await poster.post(digest, resumed("nonce-text-302"));
    expect(again.messageId).toBe(first.messageId);
    expect(held("302")).toHaveLength(1);
  });

  it("posts a digest of another slot although the channel holds an earlier one", async () => {
    standIn.channels.listNonces = false;
    await poster.post(await digestIn(store, GUILD, "303", 1, "2026-11-24T07:00:00.000Z"), {
      nonce: "n-303-a",
      attempt: 1,
    });
    standIn.channels.forgetNonces();
    await poster.post(await digestIn(store, GUILD, "303", 1, "2026-11-25T07:00:00.000Z"), resumed("n-303-b"));
    expect(held("303")).toHaveLength(2);
  });

  it("completes a digest cut off after its first parts, posting only the missing ones", async () => {
    const digest = await digestIn(store, GUILD, "304", 30);
    const parts = renderDiscord(digestToReply(digest)).length;
    expect(parts).toBeGreaterThan(3);
    await poster.post(digest, { nonce: "nonce-part-304", attempt: 1 });
    // The crash came after part 2: the channel holds parts 0–2 only.
    standIn.channels.byChannel.set("304", held("304").slice(0, 3));
    standIn.channels.forgetNonces();
    const before = creates("304").length;
    await poster.post(digest, resumed("nonce-part-304"));
    expect(creates("304").length - before).toBe(parts - 3);
    expect(held("304").map((m) => m.nonce)).toEqual(
      Array.from({ length: parts }, (_, i) => partNonce("nonce-part-304", i)),
    );
  });
});
