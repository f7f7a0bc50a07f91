import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { expect } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { sqliteFileFor } from "../../src/store/open.js";
import { type OAuthV2AccessResponse, startSlackStandIn } from "./slack-standin.js";

export const SECRET = "test-signing-secret";
export const CLIENT_ID = "1234.5678";
export const CLIENT_SECRET = "test-client-secret";
/** The cookie Bolt binds the OAuth state to. */
export const COOKIE = "slack-app-oauth-state";

/** One parsed JSON log line of the running bot. */
export type LogLine = Record<string, unknown> & { msg?: string };

/**
 * The bot in Slack HTTP mode with OAuth on (no SLACK_BOT_TOKEN: every workspace's token comes from
 * its installation), on a SQLite file of its own, against a stand-in slack.com that exchanges
 * `codes`. Its log lines (at info) are kept in `logs`.
 */
export async function startOAuthNewsdesk(codes: Record<string, OAuthV2AccessResponse>) {
  const standIn = await startSlackStandIn(
    ["UADMIN"],
    {},
    { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, codes },
  );
  const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-slack-oauth-"));
  const dbFile = sqliteFileFor({ DATA_DIR: dataDir });
  const logs: LogLine[] = [];
  const app: RunningNewsdesk = await startNewsdesk({
    config: loadConfig({
      SLACK_CLIENT_ID: CLIENT_ID,
      SLACK_CLIENT_SECRET: CLIENT_SECRET,
      SLACK_STATE_SECRET: "test-state-secret",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${standIn.url}/api`,
      PORT: "1",
      DATA_DIR: dataDir,
      // Feeds on loopback may be followed (/feeds add reads them first; none answers in these tests).
      FETCH_ALLOW_HOSTS: "127.0.0.1",
      LOG_LEVEL: "silent",
    }),
    stdin: process.stdin,
    stdout: process.stdout,
    interactive: false,
    logger: createLogger("info", { write: (line: string) => void logs.push(JSON.parse(line)) }),
    http: { port: 0, host: "127.0.0.1" },
  });
  const base = `http://127.0.0.1:${app.httpPort}`;

  /** Reads the SQLite file through a connection of its own, as an operator would. */
  const query = <T>(sql: string, ...params: unknown[]): T => {
    const db = new BetterSqlite3(dbFile, { readonly: true });
    try {
      return db.prepare(sql).get(...params) as T;
    } finally {
      db.close();
    }
  };

  /** Starts the flow as a browser would: GET /slack/install, keeping the state cookie. */
  async function beginInstall() {
    const res = await fetch(`${base}/slack/install`, { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location") ?? "");
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`)) ?? "";
    const cookie = setCookie.split(";")[0]!;
    return { state: location.searchParams.get("state") ?? "", cookie, location, setCookie };
  }

  const redirect = (params: Record<string, string>, cookie?: string) =>
    fetch(`${base}/slack/oauth_redirect?${new URLSearchParams(params)}`, {
      redirect: "manual",
      headers: cookie ? { cookie } : {},
    });

  return {
    app,
    dataDir,
    standIn,
    base,
    logs,
    beginInstall,
    redirect,
    /** The whole flow for the workspace `code` belongs to: install link, Slack's redirect back. */
    async install(code: string): Promise<void> {
      const { state, cookie } = await beginInstall();
      const res = await redirect({ code, state }, cookie);
      expect(res.status).toBe(200);
    },
    /** The installation row for `teamId`, read from the SQLite file. */
    storedInstallation: (teamId: string) =>
      query<
        { team_id: string; bot_token: string; bot_user_id: string; installation_json: string } | undefined
      >("SELECT * FROM slack_installations WHERE team_id = ?", teamId),
    countInstallations: () => query<{ n: number }>("SELECT count(*) AS n FROM slack_installations").n,
    async close() {
      await app.stop();
      await standIn.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type OAuthNewsdesk = Awaited<ReturnType<typeof startOAuthNewsdesk>>;
