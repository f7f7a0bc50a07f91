import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { createPlatformPoster } from "../../src/app/poster.js";
import { type Digest, DigestPostError } from "../../src/digest/types.js";
import { createStore, type Store } from "../../src/store/index.js";
import { claimableSchedules } from "../store/due-slots.js";
import { type LogLine, type OAuthNewsdesk, SECRET, startOAuthNewsdesk } from "./slack-oauth-harness.js";
import { oauthV2Access, postEvent, postSlashCommand } from "./slack-standin.js";

/** Workspaces installed through the OAuth flow before each test removes (or keeps) one. */
const WORKSPACES = {
  TGONE: "xoxb-installed-tgone",
  TREVOKED: "xoxb-installed-trevoked",
  TUSERONLY: "xoxb-installed-tuseronly",
  TPAUSE: "xoxb-installed-tpause",
} as const;
type Team = keyof typeof WORKSPACES;
const codeFor = (team: Team) => `code-for-${team}`;
/** TPAUSE installs again, with a new bot token, after removing the app. */
const REINSTALL_CODE = "code-for-TPAUSE-again";
const REINSTALL_TOKEN = "xoxb-reinstalled-tpause";

let bot: OAuthNewsdesk;

beforeAll(async () => {
  const codes = Object.fromEntries(
    Object.entries(WORKSPACES).map(([team, token]) => [
      codeFor(team as Team),
      oauthV2Access(team, token, ["commands", "chat:write"]),
    ]),
  );
  codes[REINSTALL_CODE] = oauthV2Access("TPAUSE", REINSTALL_TOKEN, ["commands", "chat:write"]);
  bot = await startOAuthNewsdesk(codes);
  for (const team of Object.keys(WORKSPACES) as Team[]) await bot.install(codeFor(team));
});

afterAll(async () => {
  await bot?.close();
});

/** Events are acked before their listener runs: wait for the line the listener logs when done. */
const logged = (match: (line: LogLine) => boolean) =>
  vi.waitFor(
    () => {
      const line = bot.logs.find(match);
      if (!line) throw new Error("not logged yet");
      return line;
    },
    { timeout: 10_000, interval: 20 },
  );

let n = 0;
const slashCommand = (team: string, command = "/stories", text = "", user = "U1") => {
  n++;
  return {
    team_id: team,
    command,
    text,
    user_id: user,
    trigger_id: `uninstall-${n}`,
    response_url: `${bot.standIn.url}/respond/uninstall-${n}`,
  };
};

describe("Slack uninstalls (OAuth through real Bolt, SQLite store)", () => {
  it("subscribes the bot events that report an uninstall in manifest.json", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../manifest.json", import.meta.url), "utf8"));
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(["app_uninstalled", "tokens_revoked"]),
    );
  });

  it("deletes the installation on app_uninstalled; that workspace's commands are told it is not installed", async () => {
    expect(bot.storedInstallation("TGONE")).toBeDefined();
    const res = await postEvent(bot.base, SECRET, "TGONE", { type: "app_uninstalled" });
    expect(res.status).toBe(200);

    const line = await logged((l) => l.event === "app_uninstalled" && l.teamId === "TGONE");
    expect(line).toMatchObject({ level: 30, msg: expect.stringMatching(/installation deleted/) });
    expect(bot.storedInstallation("TGONE")).toBeUndefined();
    // The other workspaces are untouched.
    expect(bot.storedInstallation("TREVOKED")).toBeDefined();
    expect(bot.storedInstallation("TUSERONLY")).toBeDefined();

    const f = slashCommand("TGONE");
    const reply = await postSlashCommand(bot.base, SECRET, f);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringMatching(/not installed/i),
    });
    // Answered in the ack only: nothing went to the response_url.
    expect(bot.standIn.calls.some((c) => `${bot.standIn.url}${c.path}` === f.response_url)).toBe(false);
  });

  it("makes a removed workspace's scheduled digest fail permanently, with the reason", async () => {
    expect(bot.storedInstallation("TGONE")).toBeUndefined(); // removed by the test above
    const store = await createStore({ DATA_DIR: bot.dataDir, DATABASE_URL: undefined });
    try {
      const poster = createPlatformPoster(store, createLogger("silent"));
      poster.attach({ slack: bot.app.slack });
      const tenant = await store.tenants.ensure({ platform: "slack", externalId: "TGONE" });
      const channel = await store.channels.ensure(tenant.id, { externalId: "CGONE" });
      const digest: Digest = {
        tenantId: tenant.id,
        channelId: channel.id,
        channelExternalId: "CGONE",
        slot: "2026-11-25T07:00:00.000Z",
        timezone: "UTC",
        title: "News digest",
        items: [],
        nothingNew: true,
      };
      const failure = await poster.post(digest, { nonce: "n-gone", attempt: 1 }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(DigestPostError);
      expect(failure).toMatchObject({ permanent: true, message: expect.stringMatching(/not_installed/) });
      // Nothing was posted for the removed workspace.
      expect(bot.standIn.calls.some((c) => JSON.stringify(c).includes("CGONE"))).toBe(false);
    } finally {
      await store.close();
    }
  });

  it("deletes the installation when tokens_revoked names the bot", async () => {
    const res = await postEvent(bot.base, SECRET, "TREVOKED", {
      type: "tokens_revoked",
      tokens: { oauth: ["U1"], bot: ["UBOTTREVOKED"] },
    });
    expect(res.status).toBe(200);
    await logged((l) => l.event === "tokens_revoked" && l.teamId === "TREVOKED");
    expect(bot.storedInstallation("TREVOKED")).toBeUndefined();
    const reply = await postSlashCommand(bot.base, SECRET, slashCommand("TREVOKED"));
    expect(JSON.parse(reply.body).text).toMatch(/not installed/i);
  });

  it("keeps the installation when tokens_revoked names only user tokens", async () => {
    const res = await postEvent(bot.base, SECRET, "TUSERONLY", {
      type: "tokens_revoked",
      tokens: { oauth: ["U1", "U2"] },
    });
    expect(res.status).toBe(200);
    const line = await logged((l) => l.event === "tokens_revoked" && l.teamId === "TUSERONLY");
    expect(line.msg).toMatch(/kept/);
    expect(bot.storedInstallation("TUSERONLY")).toMatchObject({ bot_token: WORKSPACES.TUSERONLY });
    // Its commands still run, with its bot token.
    const f = slashCommand("TUSERONLY");
    expect((await postSlashCommand(bot.base, SECRET, f)).status).toBe(200);
    await bot.standIn.waitFor((c) => `${bot.standIn.url}${c.path}` === f.response_url);
  });

  it("refuses an unsigned uninstall event, deleting nothing", async () => {
    const res = await postEvent(bot.base, "wrong-secret", "TUSERONLY", { type: "app_uninstalled" });
    expect(res.status).toBe(401);
    expect(bot.storedInstallation("TUSERONLY")).toBeDefined();
  });

  describe("a removed workspace's feeds and digests", () => {
    /** The test's own connection to the bot's SQLite file, as an operator's CLI would open it. */
    let store: Store;
    let tenantId: string;
    let channelId: string;
    let liveFeedId: string;
    let goneFeedId: string;
    const GONE = "the feed was removed by its site: HTTP 404";

    beforeAll(async () => {
      store = await createStore({ DATA_DIR: bot.dataDir, DATABASE_URL: undefined });
    });
    afterAll(async () => {
      await store?.close();
    });

    /** Runs a slash command as the workspace admin and returns what it replied to the response_url. */
    async function adminCommand(team: Team, command: string, text: string): Promise<string> {
      const f = slashCommand(team, command, text, "UADMIN");
      expect((await postSlashCommand(bot.base, SECRET, f)).status).toBe(200);
      const reply = await bot.standIn.waitFor((c) => `${bot.standIn.url}${c.path}` === f.response_url);
      return JSON.stringify(reply.body);
    }

    it("are set up by the workspace's admin", async () => {
      // Through the bot, as the workspace's admin would: the tenant is keyed as commands key it.
      expect(await adminCommand("TPAUSE", "/feeds", "add http://127.0.0.1:9/live.xml")).toMatch(/Feed added/);
      expect(await adminCommand("TPAUSE", "/digest", "set daily 08:00 timezone:UTC")).toMatch(
        /Digest scheduled/,
      );
      const tenant = await store.tenants.find("slack", "TPAUSE");
      expect(tenant).toBeDefined();
      tenantId = tenant!.id;
      channelId = (await store.channels.findByExternalId(tenantId, "C1"))!.id;
      const [live] = await store.feeds.listForChannel(tenantId, channelId);
      liveFeedId = live!.id;
      expect(live).toMatchObject({ url: "http://127.0.0.1:9/live.xml", disabledReason: null });
      expect((await store.schedules.get(tenantId, channelId))?.pausedReason).toBeNull();

      // A feed followed for a long while whose site removed it: the poller disabled it with its
      // reason (recorded as the poller records a 404). Its old next-poll time puts it first in line.
      const gone = await store.feeds.add(
        tenantId,
        { url: "http://127.0.0.1:9/gone.xml" },
        new Date("2000-01-01T00:00:00Z"),
      );
      goneFeedId = gone.id;
      await store.feeds.subscribe(tenantId, channelId, gone.id);
      const [leased] = await store.worker.leaseDueFeeds("test-poller", new Date(), 60_000, 1);
      expect(leased?.id).toBe(gone.id);
      await store.worker.finishFeedPoll(gone.id, "test-poller", {
        now: new Date(),
        nextPollAt: new Date(),
        error: GONE,
        disabledReason: GONE,
      });
    });

    it("are paused with the reason when the workspace removes the app, and kept", async () => {
      const res = await postEvent(bot.base, SECRET, "TPAUSE", { type: "app_uninstalled" });
      expect(res.status).toBe(200);
      const line = await logged((l) => l.event === "app_uninstalled" && l.teamId === "TPAUSE");
      expect(line.msg).toMatch(/feeds and digests paused/);
      expect(bot.storedInstallation("TPAUSE")).toBeUndefined();

      const reason = `the Slack workspace removed Newsdesk on ${new Date().toISOString().slice(0, 10)}`;
      expect((await store.feeds.get(tenantId, liveFeedId))?.disabledReason).toBe(reason);
      expect((await store.feeds.get(tenantId, goneFeedId))?.disabledReason).toBe(GONE);
      expect(await store.schedules.get(tenantId, channelId)).toMatchObject({
        spec: "daily 08:00",
        pausedReason: reason,
      });
      // Nothing deleted: both feeds are still followed in the channel, the schedule still there.
      expect(await store.feeds.listForChannel(tenantId, channelId)).toHaveLength(2);
      // …and the background loops pass them by.
      const far = new Date(Date.now() + 7 * 86_400_000);
      expect((await claimableSchedules(store, far)).map((s) => s.channelId)).not.toContain(channelId);

      // Slack also sends tokens_revoked for the removal: the first reason stays.
      await postEvent(bot.base, SECRET, "TPAUSE", {
        type: "tokens_revoked",
        tokens: { bot: ["UBOTTPAUSE"] },
      });
      await logged((l) => l.event === "tokens_revoked" && l.teamId === "TPAUSE");
      expect((await store.schedules.get(tenantId, channelId))?.pausedReason).toBe(reason);
    });

    it("run again when the workspace installs the app again, except a feed stopped for its own reason", async () => {
      const before = Date.now();
      await bot.install(REINSTALL_CODE);
      expect(bot.storedInstallation("TPAUSE")).toMatchObject({ bot_token: REINSTALL_TOKEN });

      expect((await store.feeds.get(tenantId, liveFeedId))?.disabledReason).toBeNull();
      expect((await store.feeds.get(tenantId, goneFeedId))?.disabledReason).toBe(GONE);
      const schedule = await store.schedules.get(tenantId, channelId);
      expect(schedule).toMatchObject({ pausedReason: null, pausedAt: null });
      // Its next slot is the first 08:00 UTC after the reinstall: no catch-up for the time away.
      const next = Date.parse(schedule!.nextSlotAt);
      expect(schedule!.nextSlotAt).toMatch(/T08:00:00\.000Z$/);
      expect(next).toBeGreaterThan(before);
      expect(next - before).toBeLessThanOrEqual(86_400_000);

      // The admin sees the digest running (no pause) and the feeds listed.
      expect(await adminCommand("TPAUSE", "/digest", "show")).not.toMatch(/Paused/);
    });
  });

  it("logs no token or secret", () => {
    const text = JSON.stringify(bot.logs);
    for (const token of [...Object.values(WORKSPACES), REINSTALL_TOKEN]) expect(text).not.toContain(token);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("test-client-secret");
  });
});
