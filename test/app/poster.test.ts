import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandRegistry } from "../../commands/registry.js";
import { createLogger } from "../../src/app/logger.js";
import { createMetrics } from "../../src/app/metrics.js";
import { createPlatformPoster } from "../../src/app/poster.js";
import { loadConfig } from "../../src/config.js";
import { type Digest, DigestPostError } from "../../src/digest/types.js";
import { createDiscordAdapter, type DiscordAdapter } from "../../src/platforms/discord/discord.js";
import { createStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { startDiscordStandIn } from "../platforms/discord-standin.js";
import { openTestServices } from "./test-services.js";

let standIn: Awaited<ReturnType<typeof startDiscordStandIn>>;
let discord: DiscordAdapter;
let store: Store;
let dataDir: string;
const metrics = createMetrics();

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  dataDir = mkdtempSync(join(tmpdir(), "newsdesk-poster-"));
  store = await createStore({ DATA_DIR: dataDir, DATABASE_URL: undefined });
  const config = loadConfig({ DISCORD_TOKEN: "t", DISCORD_APP_ID: "200", DISCORD_API_URL: standIn.apiUrl });
  discord = createDiscordAdapter({
    config,
    services: await openTestServices({ store }),
    registry: commandRegistry,
    metrics,
    logger: createLogger("silent"),
  });
  await discord.start();
});

afterAll(async () => {
  await discord?.stop();
  await store?.close();
  await standIn?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function digestFor(channelExternalId: string): Promise<Digest> {
  const tenant = await store.tenants.ensure({ platform: "discord", externalId: "400" });
  const channel = await store.channels.ensure(tenant.id, { externalId: channelExternalId });
  return {
    tenantId: tenant.id,
    channelId: channel.id,
    channelExternalId,
    slot: "2026-11-25T07:00:00.000Z",
    timezone: "Europe/Berlin",
    title: "News digest @everyone",
    items: [
      {
        storyId: "s1",
        version: 1,
        title: "Talks resume <@123456789012345678>",
        links: [{ title: "CNN", url: "https://example.com/a", siteName: null }],
        keyPoints: ["Talks resumed in Cairo.", "A deal is not close."],
        allKeyPoints: ["Talks resumed in Cairo.", "A deal is not close."],
      },
    ],
    nothingNew: false,
  };
}

describe("digest poster on Discord (real store, real discord.js, REST stand-in)", () => {
  it("posts to the digest's channel with the claim's nonce and no mentions", async () => {
    const poster = createPlatformPoster(store, createLogger("silent"), metrics);
    poster.attach({ discord });
    const { messageId } = await poster.post(await digestFor("300"), { nonce: "claim-nonce-1", attempt: 1 });
    expect(messageId).toBeTruthy();
    const call = await standIn.waitFor((c) => c.method === "POST" && c.path === "/channels/300/messages");
    expect(call.body).toMatchObject({
      nonce: "claim-nonce-1",
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
    expect(JSON.stringify(call.body)).not.toMatch(/@everyone|<@\d+>/);
  });

  it("remembers every part of a digest too long for one message as a thread of all its stories", async () => {
    const poster = createPlatformPoster(store, createLogger("silent"), metrics);
    poster.attach({ discord });
    const digest = await digestFor("301");
    const long = "A long key point that goes on about the talks in Cairo and what each side said. ".repeat(
      12,
    );
    digest.items = Array.from({ length: 8 }, (_, i) => ({
      ...digest.items[0]!,
      storyId: `s${i + 1}`,
      title: `Story ${i + 1}`,
      keyPoints: [long, long, long],
    }));
    await poster.post(digest, { nonce: "claim-nonce-parts", attempt: 1 });
    const parts = (standIn.channels.byChannel.get("301") ?? []).map((m) => String(m.id));
    expect(parts.length).toBeGreaterThan(1);
    const tenant = await store.tenants.ensure({ platform: "discord", externalId: "400" });
    for (const id of parts)
      expect(await store.threads.storiesOf(tenant.id, { channel: "301", thread: id })).toEqual(
        digest.items.map((i) => i.storyId),
      );
  });

  it("turns a deleted channel into a permanent failure, so the schedule pauses with the reason", async () => {
    const poster = createPlatformPoster(store, createLogger("silent"), metrics);
    poster.attach({ discord });
    const failure = await poster
      .post(await digestFor("999"), { nonce: "claim-nonce-2", attempt: 1 })
      .catch((e) => e);
    expect(failure).toBeInstanceOf(DigestPostError);
    expect((failure as DigestPostError).permanent).toBe(true);
    expect((failure as DigestPostError).message).toMatch(/Unknown Channel/);
    const text = await metrics.registry.getSingleMetricAsString("newsdesk_digests_posted_total");
    expect(text).toContain('outcome="failed_permanently"');
  });

  it("retries later when the platform is not connected", async () => {
    const poster = createPlatformPoster(store, createLogger("silent"));
    const failure = await poster.post(await digestFor("300"), { nonce: "n3", attempt: 1 }).catch((e) => e);
    expect(failure).toBeInstanceOf(DigestPostError);
    expect((failure as DigestPostError).permanent).toBe(false);
  });
});
