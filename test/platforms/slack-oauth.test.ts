import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { infoReply } from "../../src/render/reply.js";
import { sqliteFileFor } from "../../src/store/open.js";
import { oauthV2Access, postSlashCommand, startSlackStandIn } from "./slack-standin.js";

const SECRET = "test-signing-secret";
const CLIENT_ID = "1234.5678";
const CLIENT_SECRET = "test-client-secret";
/** The workspace installed during the test, and the bot token Slack issues to it. */
const TEAM = "TNEW";
const BOT_TOKEN = "xoxb-installed-tnew";
const CODE = "code-for-tnew";
const COOKIE = "slack-app-oauth-state";

let standIn: Awaited<ReturnType<typeof startSlackStandIn>>;
let app: RunningNewsdesk;
let base: string;
const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-slack-oauth-"));
const dbFile = sqliteFileFor({ DATA_DIR: dataDir });

beforeAll(async () => {
  standIn = await startSlackStandIn(
    ["UADMIN"],
    {},
    {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      codes: { [CODE]: oauthV2Access(TEAM, BOT_TOKEN, ["commands", "chat:write"], "UADMIN") },
    },
  );
  // No SLACK_BOT_TOKEN: every workspace's token comes from its installation in the store.
  app = await startNewsdesk({
    config: loadConfig({
      SLACK_CLIENT_ID: CLIENT_ID,
      SLACK_CLIENT_SECRET: CLIENT_SECRET,
      SLACK_STATE_SECRET: "test-state-secret",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${standIn.url}/api`,
      PORT: "1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
    }),
    stdin: process.stdin,
    stdout: process.stdout,
    interactive: false,
    logger: createLogger("silent"),
    http: { port: 0, host: "127.0.0.1" },
  });
  base = `http://127.0.0.1:${app.httpPort}`;
});

afterAll(async () => {
  await app?.stop();
  await standIn?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The installation row for `teamId`, read from the SQLite file by a connection of its own. */
function storedInstallation(teamId: string) {
  const db = new BetterSqlite3(dbFile, { readonly: true });
  try {
    return db.prepare("SELECT * FROM slack_installations WHERE team_id = ?").get(teamId) as
      | { team_id: string; bot_token: string; bot_user_id: string; installation_json: string }
      | undefined;
  } finally {
    db.close();
  }
}

const countInstallations = () => {
  const db = new BetterSqlite3(dbFile, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM slack_installations").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** Starts the flow as a browser would: GET /slack/install, keeping the state cookie. */
async function beginInstall(): Promise<{ state: string; cookie: string; location: URL; setCookie: string }> {
  const res = await fetch(`${base}/slack/install`, { redirect: "manual" });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location") ?? "");
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`)) ?? "";
  const cookie = setCookie.split(";")[0]!;
  return { state: location.searchParams.get("state") ?? "", cookie, location, setCookie };
}

const redirect = (query: Record<string, string>, cookie?: string) =>
  fetch(`${base}/slack/oauth_redirect?${new URLSearchParams(query)}`, {
    redirect: "manual",
    headers: cookie ? { cookie } : {},
  });

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
    await app.slack!.postToChannel(TEAM, "CDIGEST", infoReply("Morning digest"));
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
