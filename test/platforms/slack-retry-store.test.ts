import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { postSlashCommand, startSlackStandIn } from "./slack-standin.js";

const SECRET = "test-signing-secret";
let standIn: Awaited<ReturnType<typeof startSlackStandIn>>;
const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-slack-retry-"));

/** A bot in Slack HTTP mode on the SQLite file in `dataDir` (the real store, as `newsdesk start`). */
async function startBot(): Promise<{ app: RunningNewsdesk; base: string }> {
  const app = await startNewsdesk({
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
    logger: createLogger("silent"),
    http: { port: 0, host: "127.0.0.1" },
  });
  return { app, base: `http://127.0.0.1:${app.httpPort}` };
}

beforeAll(async () => {
  standIn = await startSlackStandIn();
});
afterAll(async () => {
  await standIn?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let n = 0;
const fields = () => {
  n++;
  return {
    command: "/stories",
    text: "",
    trigger_id: `retry-${n}`,
    response_url: `${standIn.url}/respond/${n}`,
  };
};
const replies = (f: { response_url: string }) =>
  standIn.calls.filter((c) => `${standIn.url}${c.path}` === f.response_url).length;

/** A later command's reply, sent through `base`, shows a wrongly handled retry had time to post. */
async function settle(base: string): Promise<void> {
  const g = fields();
  await postSlashCommand(base, SECRET, g);
  await standIn.waitFor((c) => `${standIn.url}${c.path}` === g.response_url);
}

describe("Slack retried deliveries, remembered in the store", () => {
  it("answers a retry once after a restart", { timeout: 60_000 }, async () => {
    const first = await startBot();
    const f = fields();
    expect((await postSlashCommand(first.base, SECRET, f)).status).toBe(200);
    await standIn.waitFor((c) => `${standIn.url}${c.path}` === f.response_url);
    await first.app.stop();
    const second = await startBot();
    try {
      expect((await postSlashCommand(second.base, SECRET, f, { retryNum: 1 })).status).toBe(200);
      await settle(second.base);
      expect(replies(f)).toBe(1);
    } finally {
      await second.app.stop();
    }
  });

  it("answers a retry once when it reaches another instance", { timeout: 60_000 }, async () => {
    const a = await startBot();
    const b = await startBot();
    try {
      const f = fields();
      const sent = await Promise.all([
        postSlashCommand(a.base, SECRET, f),
        postSlashCommand(b.base, SECRET, f, { retryNum: 1 }),
      ]);
      expect(sent.map((r) => r.status)).toEqual([200, 200]);
      await standIn.waitFor((c) => `${standIn.url}${c.path}` === f.response_url);
      await settle(a.base);
      await settle(b.base);
      expect(replies(f)).toBe(1);
    } finally {
      await a.app.stop();
      await b.app.stop();
    }
  });
});
