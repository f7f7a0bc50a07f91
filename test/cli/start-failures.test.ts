import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscordStandIn } from "../platforms/discord-standin.js";
import { startSlackStandIn } from "../platforms/slack-standin.js";

const root = new URL("../../", import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-start-fail-"));

/** `newsdesk start` as an operator runs it: a child process with only these settings. */
function start(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "bin/newsdesk.js"), "start"], {
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: "warn", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr, stdout }));
    child.stdin.end();
  });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

let discord: Awaited<ReturnType<typeof startDiscordStandIn>>;
let slackInvalid: Awaited<ReturnType<typeof startSlackStandIn>>;
let slackRevoked: Awaited<ReturnType<typeof startSlackStandIn>>;

beforeAll(async () => {
  discord = await startDiscordStandIn({ validToken: "the-real-token" });
  slackInvalid = await startSlackStandIn([], { "auth.test": { ok: false, error: "invalid_auth" } });
  slackRevoked = await startSlackStandIn([], { "auth.test": { ok: false, error: "token_revoked" } });
});

afterAll(async () => {
  await Promise.all([discord?.close(), slackInvalid?.close(), slackRevoked?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Exit code 1, exactly one line on stderr matching `says`, and no stack frame anywhere. */
function expectOneClearLine(r: { code: number | null; stderr: string }, says: RegExp) {
  expect(r.code, r.stderr).toBe(1);
  const lines = r.stderr.split("\n").filter((l) => l.trim() !== "");
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^newsdesk start: /);
  expect(lines[0]).toMatch(says);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

describe("newsdesk start fails cleanly", { timeout: 90_000 }, () => {
  it("with no network to Discord: names the host and DISCORD_API_URL", async () => {
    const r = await start({
      DISCORD_TOKEN: "t",
      DISCORD_APP_ID: "200",
      DISCORD_API_URL: "http://nowhere.invalid/api",
    });
    expectOneClearLine(
      r,
      /cannot reach Discord at nowhere\.invalid \((ENOTFOUND|EAI_AGAIN)\).*DISCORD_API_URL/,
    );
  });

  it("with a Discord token Discord rejects (401): says to set DISCORD_TOKEN", async () => {
    const r = await start({
      DISCORD_TOKEN: "a-wrong-token",
      DISCORD_APP_ID: "200",
      DISCORD_API_URL: discord.apiUrl,
    });
    expectOneClearLine(r, /Discord rejected DISCORD_TOKEN \(401 Unauthorized\): set it to the bot token/);
    // It really asked the stand-in, and took no for an answer.
    expect(discord.calls.some((c) => c.path === "/gateway/bot")).toBe(true);
  });

  for (const [error, standIn] of [
    ["invalid_auth", () => slackInvalid],
    ["token_revoked", () => slackRevoked],
  ] as const) {
    it(`with a Slack bot token Slack answers ${error}: says to set SLACK_BOT_TOKEN`, async () => {
      const r = await start({
        SLACK_BOT_TOKEN: "xoxb-old",
        SLACK_APP_TOKEN: "xapp-1",
        SLACK_API_URL: `${standIn().url}/api`,
      });
      expectOneClearLine(r, new RegExp(`Slack rejected SLACK_BOT_TOKEN \\(${error}\\): set it to .*xoxb-`));
      expect(standIn().calls.some((c) => c.path === "/api/auth.test" && c.token === "xoxb-old")).toBe(true);
    });
  }

  it("with no network to Slack: fails at once instead of retrying for half an hour", async () => {
    const port = await closedPort();
    const r = await start({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_APP_TOKEN: "xapp-1",
      SLACK_API_URL: `http://127.0.0.1:${port}/api`,
    });
    expectOneClearLine(r, /cannot reach Slack.*\(ECONNREFUSED\).*SLACK_API_URL/);
  });

  it("with PostgreSQL down: names the server (password hidden) and DATABASE_URL", async () => {
    const port = await closedPort();
    const r = await start({ DATABASE_URL: `postgres://newsdesk:s3cret@127.0.0.1:${port}/newsdesk` });
    expectOneClearLine(
      r,
      /cannot connect to PostgreSQL at postgres:\/\/newsdesk:\*+@127\.0\.0\.1:\d+.*DATABASE_URL/,
    );
    expect(r.stderr).not.toContain("s3cret");
  });

  it("keeps the stack for the debug log", async () => {
    const port = await closedPort();
    const r = await start({ DATABASE_URL: `postgres://u:p@127.0.0.1:${port}/db`, LOG_LEVEL: "debug" });
    expect(r.code).toBe(1);
    const debug = r.stderr
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { msg: string; err?: { stack?: string } })
      .find((l) => l.msg === "start failed");
    expect(debug?.err?.stack).toMatch(/\n\s+at /);
  });
});
