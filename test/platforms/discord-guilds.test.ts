import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { removalReason } from "../../src/app/workspace-removal.js";
import { loadConfig } from "../../src/config.js";
import { createStore, type Store } from "../../src/store/index.js";
import { claimableSchedules } from "../store/due-slots.js";
import { startDiscordStandIn } from "./discord-standin.js";

type LogLine = Record<string, unknown> & { msg?: string };

/** The GUILD_CREATE Discord sends when the bot joins a server (the fields discord.js reads). */
const guildCreate = (id: string) => ({
  id,
  name: `Server ${id}`,
  icon: null,
  owner_id: "500",
  unavailable: false,
  member_count: 2,
  roles: [],
  emojis: [],
  stickers: [],
  features: [],
  channels: [],
  threads: [],
  members: [],
  voice_states: [],
  presences: [],
  stage_instances: [],
  guild_scheduled_events: [],
});

let standIn: Awaited<ReturnType<typeof startDiscordStandIn>>;
let app: RunningNewsdesk;
let store: Store;
let dataDir: string;
const logs: LogLine[] = [];
let tenantId: string;
let channelId: string;
let feedId: string;

/** Gateway events are handled after they arrive: wait for the line the handler logs when done. */
const logged = (match: (line: LogLine) => boolean, from = 0) =>
  vi.waitFor(
    () => {
      const line = logs.slice(from).find(match);
      if (!line) throw new Error("not logged yet");
      return line;
    },
    { timeout: 10_000, interval: 20 },
  );

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  dataDir = mkdtempSync(join(tmpdir(), "newsdesk-discord-guilds-"));
  app = await startNewsdesk({
    config: loadConfig({
      DISCORD_TOKEN: "test-token",
      DISCORD_APP_ID: "200",
      DISCORD_API_URL: standIn.apiUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
    }),
    stdin: process.stdin,
    stdout: process.stdout,
    interactive: false,
    logger: createLogger("info", { write: (line: string) => void logs.push(JSON.parse(line)) }),
  });
  // The server's work, as its admin set it up earlier (/feeds add, /digest set): the test's own
  // connection to the bot's SQLite file.
  store = await createStore({ DATA_DIR: dataDir, DATABASE_URL: undefined });
  const tenant = await store.tenants.ensure({ platform: "discord", externalId: "400" });
  tenantId = tenant.id;
  channelId = (await store.channels.ensure(tenantId, { externalId: "300" })).id;
  const tomorrow = new Date(Date.now() + 86_400_000);
  const feed = await store.feeds.add(tenantId, { url: "http://127.0.0.1:9/feed.xml" }, tomorrow);
  feedId = feed.id;
  await store.feeds.subscribe(tenantId, channelId, feedId);
  await store.schedules.set(tenantId, channelId, {
    spec: "daily 08:00",
    timezone: "UTC",
    nextSlotAt: tomorrow,
  });
  // The bot joins the server after it connected (an invite): nothing was paused, nothing resumes.
  standIn.dispatch("GUILD_CREATE", guildCreate("400"));
  const joined = await logged((l) => l.guildId === "400" && /added the bot/.test(l.msg ?? ""));
  expect(joined.msg).not.toMatch(/resumed/);
});

afterAll(async () => {
  await app?.stop();
  await store?.close();
  await standIn?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("Discord servers removing and re-adding the bot (real discord.js, SQLite store)", () => {
  it("does not pause anything when a server is only unavailable (an outage)", async () => {
    standIn.dispatch("GUILD_DELETE", { id: "400", unavailable: true });
    // A later event proves the outage was handled first (events arrive in order).
    standIn.dispatch("GUILD_CREATE", guildCreate("401"));
    await logged((l) => l.guildId === "401");
    expect(logs.some((l) => l.guildId === "400" && /removed/.test(l.msg ?? ""))).toBe(false);
    expect((await store.feeds.get(tenantId, feedId))?.disabledReason).toBeNull();
    expect((await store.schedules.get(tenantId, channelId))?.pausedReason).toBeNull();
  });

  it("pauses the server's feeds and digests with the reason when it removes the bot, deleting nothing", async () => {
    // The outage ends, then the server kicks the bot.
    standIn.dispatch("GUILD_CREATE", guildCreate("400"));
    standIn.dispatch("GUILD_DELETE", { id: "400" });
    const line = await logged((l) => l.guildId === "400" && /removed the bot/.test(l.msg ?? ""));
    expect(line).toMatchObject({ tenantId, feeds: 1, schedules: 1 });
    expect(line.msg).toMatch(/feeds and digests paused/);

    const reason = `the Discord server removed Newsdesk on ${new Date().toISOString().slice(0, 10)}`;
    expect((await store.feeds.get(tenantId, feedId))?.disabledReason).toBe(reason);
    expect(await store.schedules.get(tenantId, channelId)).toMatchObject({
      spec: "daily 08:00",
      pausedReason: reason,
    });
    expect(await store.feeds.listForChannel(tenantId, channelId)).toHaveLength(1);
    const far = new Date(Date.now() + 7 * 86_400_000);
    expect((await claimableSchedules(store, far)).map((s) => s.channelId)).not.toContain(channelId);
  });

  it("resumes them at the next slot when the server invites the bot again", async () => {
    const before = Date.now();
    const from = logs.length;
    standIn.dispatch("GUILD_CREATE", guildCreate("400"));
    const line = await logged((l) => l.guildId === "400" && /added the bot/.test(l.msg ?? ""), from);
    expect(line.msg).toMatch(/feeds and digests resumed/);
    expect(line).toMatchObject({ tenantId, feeds: 1, schedules: 1 });
    expect((await store.feeds.get(tenantId, feedId))?.disabledReason).toBeNull();
    const schedule = await store.schedules.get(tenantId, channelId);
    expect(schedule).toMatchObject({ pausedReason: null });
    expect(schedule!.nextSlotAt).toMatch(/T08:00:00\.000Z$/);
    expect(Date.parse(schedule!.nextSlotAt) - before).toBeLessThanOrEqual(86_400_000);
  });

  it("logs a server that never used Newsdesk without touching anyone else's work", async () => {
    standIn.dispatch("GUILD_DELETE", { id: "401" });
    const line = await logged((l) => l.guildId === "401" && /removed the bot/.test(l.msg ?? ""));
    expect(line.tenantId).toBeUndefined();
    expect(line.msg).not.toMatch(/paused/);
    expect((await store.schedules.get(tenantId, channelId))?.pausedReason).toBeNull();
  });

  it("resumes a server that comes back available with work a removal paused (re-invited while Newsdesk was down)", async () => {
    // What a removal seen before a restart left in the store; at start-up Discord then lists the
    // server as unavailable and sends it as GUILD_CREATE: discord.js calls it GuildAvailable.
    await store.tenants.suspendWork(tenantId, removalReason("Discord server", new Date()), new Date());
    expect((await store.schedules.get(tenantId, channelId))?.pausedReason).toMatch(/removed Newsdesk/);
    standIn.dispatch("GUILD_DELETE", { id: "400", unavailable: true });
    const from = logs.length;
    standIn.dispatch("GUILD_CREATE", guildCreate("400"));
    const line = await logged((l) => l.guildId === "400", from);
    expect(line.msg).toMatch(/added the bot; feeds and digests resumed/);
    expect((await store.feeds.get(tenantId, feedId))?.disabledReason).toBeNull();
    expect((await store.schedules.get(tenantId, channelId))?.pausedReason).toBeNull();

    // Available again with nothing paused (an ordinary start or outage): nothing logged.
    standIn.dispatch("GUILD_DELETE", { id: "400", unavailable: true });
    const later = logs.length;
    standIn.dispatch("GUILD_CREATE", guildCreate("400"));
    standIn.dispatch("GUILD_CREATE", guildCreate("402"));
    await logged((l) => l.guildId === "402", later);
    expect(logs.slice(later).some((l) => l.guildId === "400")).toBe(false);
  });
});
