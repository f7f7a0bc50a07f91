import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { deliveryKey } from "../../src/platforms/slack/dedupe.js";
import { type LogLine, type OAuthNewsdesk, SECRET, startOAuthNewsdesk } from "./slack-oauth-harness.js";
import { addSubmissionBody, eventBody, send, signRequest } from "./slack-signed.js";
import { oauthV2Access, postSlashCommand, type Recorded, startSlackStandIn } from "./slack-standin.js";

const ARTICLE =
  "Talks resumed in Cairo on Monday. Officials said the ceasefire proposal was on the table. " +
  "A spokesman said both delegations would meet again on Tuesday.";

const waitForLog = (logs: LogLine[], match: (line: LogLine) => boolean) =>
  vi.waitFor(
    () => {
      const line = logs.find(match);
      if (!line) throw new Error("not logged yet");
      return line;
    },
    { timeout: 10_000, interval: 20 },
  );

describe("deliveryKey: what stays the same on a replay and differs for a new action", () => {
  it("keys each kind by its own identity", () => {
    expect(deliveryKey({ command: "/stories", team_id: "T1", trigger_id: "t1" })).toBe("slack:T1:t1");
    expect(
      deliveryKey({
        type: "view_submission",
        team: { id: "T1" },
        trigger_id: "t2",
        view: { id: "V", hash: "h" },
      }),
    ).toBe("slack:T1:view_submission:t2");
    expect(deliveryKey({ type: "view_submission", team: { id: "T1" }, view: { id: "V", hash: "h" } })).toBe(
      "slack:T1:view_submission:V:h",
    );
    expect(deliveryKey({ type: "shortcut", team: { id: "T1" }, trigger_id: "t3" })).toBe(
      "slack:T1:shortcut:t3",
    );
    expect(deliveryKey({ type: "block_actions", team: { id: "T1" }, actions: [{ action_ts: "17.1" }] })).toBe(
      "slack:T1:block_actions:17.1",
    );
    expect(deliveryKey({ type: "event_callback", team_id: "T1", event_id: "Ev1" })).toBe(
      "slack:T1:event:Ev1",
    );
    // An org-wide install is keyed by its enterprise, as its commands' tenant is.
    expect(
      deliveryKey({
        command: "/who",
        team_id: "T1",
        enterprise_id: "E1",
        is_enterprise_install: "true",
        trigger_id: "t4",
      }),
    ).toBe("slack:E1:t4");
  });

  it("leaves unkeyed what must be answered every time or carries nothing stable", () => {
    expect(deliveryKey({ type: "block_suggestion", team: { id: "T1" }, value: "x" })).toBeUndefined();
    expect(deliveryKey({ type: "event_callback", team_id: "T1" })).toBeUndefined();
    expect(deliveryKey({ type: "view_submission", team: { id: "T1" }, view: { id: "V" } })).toBeUndefined();
  });
});

describe("Slack replays on the SQLite store (real Bolt, signed requests)", () => {
  let standIn: Awaited<ReturnType<typeof startSlackStandIn>>;
  let app: RunningNewsdesk;
  let base: string;
  const logs: LogLine[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-slack-replay-"));

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    app = await startNewsdesk({
      config: loadConfig({
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${standIn.url}/api`,
        PORT: "1",
        DATA_DIR: dataDir,
        LOG_LEVEL: "silent",
      }),
      stdin: process.stdin,
      stdout: process.stdout,
      interactive: false,
      logger: createLogger("info", { write: (line: string) => void logs.push(JSON.parse(line)) }),
      http: { port: 0, host: "127.0.0.1" },
    });
    base = `http://127.0.0.1:${app.httpPort}`;
  });
  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const postedTo = (channel: string) => (c: Recorded) =>
    c.path === "/api/chat.postMessage" && c.body.channel === channel;

  it("posts a replayed /add form submission once", async () => {
    const body = addSubmissionBody({ channelId: "CREPLAY", text: ARTICLE, triggerId: "modal-replay-1" });
    const submission = signRequest(SECRET, body, "application/x-www-form-urlencoded");
    expect((await send(base, submission)).status).toBe(200);
    const posted = await standIn.waitFor(postedTo("CREPLAY"));
    expect(JSON.stringify(posted.body)).toContain("Added as story");
    // The same signed bytes again (a replay), and once more as if Slack had retried it.
    expect((await send(base, submission)).status).toBe(200);
    expect((await send(base, submission, { retryNum: 1 })).status).toBe(200);
    // A new submission's post shows the replays had their chance to (wrongly) post first.
    const other = addSubmissionBody({
      channelId: "CSETTLE",
      text: `Other. ${ARTICLE}`,
      triggerId: "modal-replay-2",
    });
    expect((await send(base, signRequest(SECRET, other, "application/x-www-form-urlencoded"))).status).toBe(
      200,
    );
    await standIn.waitFor(postedTo("CSETTLE"));
    expect(standIn.calls.filter(postedTo("CREPLAY"))).toHaveLength(1);
  });

  it("handles a replayed event once", async () => {
    const removal = signRequest(
      SECRET,
      eventBody("TREPLAY", "EvReplay1", { type: "app_uninstalled" }),
      "application/json",
    );
    expect((await send(base, removal)).status).toBe(200);
    expect((await send(base, removal)).status).toBe(200);
    expect((await send(base, removal, { retryNum: 1 })).status).toBe(200);
    const settle = signRequest(
      SECRET,
      eventBody("TSETTLE", "EvSettle1", { type: "app_uninstalled" }),
      "application/json",
    );
    expect((await send(base, settle)).status).toBe(200);
    await waitForLog(logs, (l) => l.event === "app_uninstalled" && l.teamId === "TSETTLE");
    expect(logs.filter((l) => l.event === "app_uninstalled" && l.teamId === "TREPLAY")).toHaveLength(1);
    expect(
      logs.filter((l) => l.eventId === "EvReplay1" && l.msg === "duplicate delivery ignored"),
    ).toHaveLength(2);
  });
});

describe("a replayed uninstall (OAuth, SQLite store)", () => {
  let bot: OAuthNewsdesk;
  beforeAll(async () => {
    bot = await startOAuthNewsdesk({
      "code-replay": oauthV2Access("TREPLAY", "xoxb-replay-first", ["commands", "chat:write"]),
      "code-replay-again": oauthV2Access("TREPLAY", "xoxb-replay-again", ["commands", "chat:write"]),
      "code-other": oauthV2Access("TOTHER", "xoxb-other", ["commands", "chat:write"]),
    });
    await bot.install("code-replay");
    await bot.install("code-other");
  });
  afterAll(async () => {
    await bot?.close();
  });

  it("cannot remove the workspace's new installation after it installed the app again", async () => {
    const removal = signRequest(
      SECRET,
      eventBody("TREPLAY", "EvUninstall1", { type: "app_uninstalled" }),
      "application/json",
    );
    expect((await send(bot.base, removal)).status).toBe(200);
    await waitForLog(bot.logs, (l) => l.event === "app_uninstalled" && l.teamId === "TREPLAY");
    expect(bot.storedInstallation("TREPLAY")).toBeUndefined();

    await bot.install("code-replay-again");
    expect(bot.storedInstallation("TREPLAY")).toMatchObject({ bot_token: "xoxb-replay-again" });
    // Someone who captured the signed removal sends it again within its five minutes.
    expect((await send(bot.base, removal)).status).toBe(200);
    const settle = signRequest(
      SECRET,
      eventBody("TOTHER", "EvOther1", { type: "tokens_revoked", tokens: { oauth: ["U1"] } }),
      "application/json",
    );
    expect((await send(bot.base, settle)).status).toBe(200);
    await waitForLog(bot.logs, (l) => l.event === "tokens_revoked" && l.teamId === "TOTHER");

    expect(bot.storedInstallation("TREPLAY")).toMatchObject({ bot_token: "xoxb-replay-again" });
    expect(bot.logs.filter((l) => l.event === "app_uninstalled" && l.teamId === "TREPLAY")).toHaveLength(1);
    // The workspace's commands still run, with its new token.
    const f = {
      team_id: "TREPLAY",
      command: "/stories",
      text: "",
      trigger_id: "replay-after-reinstall",
      response_url: `${bot.standIn.url}/respond/replay-after-reinstall`,
    };
    expect((await postSlashCommand(bot.base, SECRET, f)).status).toBe(200);
    await bot.standIn.waitFor((c) => c.path === "/respond/replay-after-reinstall");
  });
});
