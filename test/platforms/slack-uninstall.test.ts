import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { createPlatformPoster } from "../../src/app/poster.js";
import { type Digest, DigestPostError } from "../../src/digest/types.js";
import { createStore } from "../../src/store/index.js";
import { type LogLine, type OAuthNewsdesk, SECRET, startOAuthNewsdesk } from "./slack-oauth-harness.js";
import { oauthV2Access, postEvent, postSlashCommand } from "./slack-standin.js";

/** Workspaces installed through the OAuth flow before each test removes (or keeps) one. */
const WORKSPACES = {
  TGONE: "xoxb-installed-tgone",
  TREVOKED: "xoxb-installed-trevoked",
  TUSERONLY: "xoxb-installed-tuseronly",
} as const;
type Team = keyof typeof WORKSPACES;
const codeFor = (team: Team) => `code-for-${team}`;

let bot: OAuthNewsdesk;

beforeAll(async () => {
  const codes = Object.fromEntries(
    Object.entries(WORKSPACES).map(([team, token]) => [
      codeFor(team as Team),
      oauthV2Access(team, token, ["commands", "chat:write"]),
    ]),
  );
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
const slashCommand = (team: string) => {
  n++;
  return {
    team_id: team,
    command: "/stories",
    text: "",
    user_id: "U1",
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

  it("logs no token or secret", () => {
    const text = JSON.stringify(bot.logs);
    for (const token of Object.values(WORKSPACES)) expect(text).not.toContain(token);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("test-client-secret");
  });
});
