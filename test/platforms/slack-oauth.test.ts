import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { infoReply } from "../../src/render/reply.js";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  COOKIE,
  type OAuthNewsdesk,
  SECRET,
  startOAuthNewsdesk,
} from "./slack-oauth-harness.js";
import { oauthV2Access, postSlashCommand } from "./slack-standin.js";

/** The workspace installed during the test, and the bot token Slack issues to it. */
const TEAM = "TNEW";
const BOT_TOKEN = "xoxb-installed-tnew";
const CODE = "code-for-tnew";

let bot: OAuthNewsdesk;
let standIn: OAuthNewsdesk["standIn"];
let base: string;

beforeAll(async () => {
  bot = await startOAuthNewsdesk({
    [CODE]: oauthV2Access(TEAM, BOT_TOKEN, ["commands", "chat:write"], "UADMIN"),
  });
  ({ standIn, base } = bot);
});

afterAll(async () => {
  await bot?.close();
});

const storedInstallation = (team: string) => bot.storedInstallation(team);
const countInstallations = () => bot.countInstallations();
const beginInstall = () => bot.beginInstall();
const redirect = (query: Record<string, string>, cookie?: string) => bot.redirect(query, cookie);

let n = 0;
const command = (team: string, name: string, text: string, user = "U1") => {
  n++;
  return {
    team_id: team,
    command: name,
    text,
    user_id: user,
    trigger_id: `oauth-${n}`,
    response_url: `${standIn.url}/respond/${n}`,
  };
};

describe("Slack multi-workspace install (OAuth through real Bolt, SQLite store)", () => {
  it("GET /slack/install redirects to Slack's authorize URL with a state bound to a cookie", async () => {
    const { state, location, setCookie } = await beginInstall();
    expect(`${location.origin}${location.pathname}`).toBe("https://slack.com/oauth/v2/authorize");
    expect(location.searchParams.get("client_id")).toBe(CLIENT_ID);
    // The same bot scopes as an app created from the committed manifest.json.
    const manifest = JSON.parse(readFileSync(new URL("../../manifest.json", import.meta.url), "utf8"));
    expect(location.searchParams.get("scope")?.split(",")).toEqual(manifest.oauth_config.scopes.bot);
    expect(state.length).toBeGreaterThan(10);
    expect(setCookie).toMatch(new RegExp(`^${COOKIE}=${state.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")};`));
    expect(setCookie).toContain("HttpOnly");
  });

  it("refuses a callback with a missing, forged or foreign state, storing nothing", async () => {
    const { state, cookie } = await beginInstall();
    const other = await beginInstall();
    const attempts = [
      await redirect({ code: CODE }, cookie), // no state at all
      await redirect({ code: CODE, state }), // state without the browser's cookie
      await redirect({ code: CODE, state: "forged" }, `${COOKIE}=forged`), // a state the bot never issued
      await redirect({ code: CODE, state: other.state }, cookie), // another browser's state
    ];
    for (const res of attempts) {
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/Something Went Wrong/);
    }
    // The code was never exchanged, and nothing was installed.
    expect(standIn.calls.filter((c) => c.path === "/api/oauth.v2.access")).toHaveLength(0);
    expect(countInstallations()).toBe(0);
  });

  it("GET /slack/oauth_redirect exchanges the code and stores the installation by team id", async () => {
    const { state, cookie } = await beginInstall();
    const res = await redirect({ code: CODE, state }, cookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Thank you!");
    // Bolt deletes the state cookie once used, so the same link cannot be replayed.
    expect(res.headers.getSetCookie().join("\n")).toMatch(new RegExp(`${COOKIE}=deleted`));

    const exchange = standIn.calls.filter((c) => c.path === "/api/oauth.v2.access");
    expect(exchange).toHaveLength(1);
    expect(exchange[0]!.body).toMatchObject({
      code: CODE,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });

    const row = storedInstallation(TEAM);
    expect(row).toMatchObject({ team_id: TEAM, bot_token: BOT_TOKEN, bot_user_id: `UBOT${TEAM}` });
    expect(JSON.parse(row!.installation_json)).toMatchObject({
      team: { id: TEAM },
      bot: { token: BOT_TOKEN, id: `B${TEAM}` },
      isEnterpriseInstall: false,
      authVersion: "v2",
    });
  });

  it("answers the new workspace's commands with its installation's bot token", async () => {
    // An admin-only command: Bolt's client asks users.info who the user is, as the installed bot.
    const f = command(TEAM, "/digest", "off", "UADMIN");
    expect((await postSlashCommand(base, SECRET, f)).status).toBe(200);
    const reply = await standIn.waitFor((c) => `${standIn.url}${c.path}` === f.response_url);
    expect(JSON.stringify(reply.body)).not.toContain("only admins");
    const lookup = standIn.calls.find((c) => c.path === "/api/users.info" && c.body.user === "UADMIN");
    expect(lookup?.token).toBe(BOT_TOKEN);

    // /add without text opens a form through views.open, again as the installed bot.
    const g = command(TEAM, "/add", "");
    expect((await postSlashCommand(base, SECRET, g)).status).toBe(200);
    const open = await standIn.waitFor(
      (c) => c.path === "/api/views.open" && c.body.trigger_id === g.trigger_id,
    );
    expect(open.token).toBe(BOT_TOKEN);

    // Posting to a channel (digests) looks the token up by team id.
    await bot.app.slack!.postToChannel(TEAM, "CDIGEST", infoReply("Morning digest"));
    const posted = standIn.calls.find(
      (c) => c.path === "/api/chat.postMessage" && c.body.channel === "CDIGEST",
    );
    expect(posted?.token).toBe(BOT_TOKEN);
  });

  it("tells a workspace that has not installed the app so, instead of failing", async () => {
    const f = command("TUNKNOWN", "/stories", "");
    const res = await postSlashCommand(base, SECRET, f);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringMatching(/not installed/i),
    });
    // The bot is still up and still serves the installed workspace.
    const g = command(TEAM, "/stories", "");
    expect((await postSlashCommand(base, SECRET, g)).status).toBe(200);
    await standIn.waitFor((c) => `${standIn.url}${c.path}` === g.response_url);
    expect(standIn.calls.some((c) => `${standIn.url}${c.path}` === f.response_url)).toBe(false);
  });
});

describe("paths Bolt does not serve", () => {
  it("answers 404 to unknown /slack/ paths, and the others keep working", async () => {
    const unknown = [
      await fetch(`${base}/slack/nothing`),
      await fetch(`${base}/slack/nothing?token=xoxb-should-not-echo`, { method: "POST", body: "x=1" }),
      await fetch(`${base}/slack/events`), // events are POSTed; a GET is not a route
      await fetch(`${base}/slack/`),
    ];
    for (const res of unknown) {
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      const text = await res.text();
      expect(text).toBe("not found\n");
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    expect((await fetch(`${base}/slack/install`, { redirect: "manual" })).status).toBe(302);
    expect((await redirect({ code: "unused", state: "forged" }, `${COOKIE}=forged`)).status).toBe(400);
    const f = command(TEAM, "/stories", "");
    expect((await postSlashCommand(base, SECRET, f)).status).toBe(200);
  });
});
