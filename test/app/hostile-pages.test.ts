import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { articleAtTheBottom, slowEvenFlattened } from "../ingest/helpers/deep-pages.js";
import { html, startServer, type TestServer } from "../ingest/helpers/server.js";
import { postSlashCommand, startSlackStandIn } from "../platforms/slack-standin.js";

// Issue 17: hostile pages through the running bot — real Slack HTTP mode (Bolt, signed requests),
// a real SQLite file, real HTTP fetches of pages served on loopback, extraction in worker threads.
const SECRET = "test-signing-secret";
const BUDGET_MS = 1500;
const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-hostile-"));
let standIn: Awaited<ReturnType<typeof startSlackStandIn>>;
let site: TestServer;
let app: RunningNewsdesk;
let base: string;

beforeAll(async () => {
  const slow = slowEvenFlattened();
  site = await startServer({
    "/buried": html(articleAtTheBottom(5000)),
    ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`/slow/${i}`, html(slow)])),
  });
  standIn = await startSlackStandIn();
  app = await startNewsdesk({
    config: loadConfig({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${standIn.url}/api`,
      PORT: "1",
      LOG_LEVEL: "silent",
      DATA_DIR: dataDir,
      FETCH_ALLOW_HOSTS: "127.0.0.1",
      EXTRACT_TIMEOUT_MS: String(BUDGET_MS),
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
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let n = 0;
async function command(text: string, name = "/add"): Promise<{ id: number; status: number; ackMs: number }> {
  const id = ++n;
  const t0 = performance.now();
  const { status } = await postSlashCommand(base, SECRET, {
    command: name,
    text,
    trigger_id: `trig-${id}`,
    response_url: `${standIn.url}/respond/${id}`,
  });
  return { id, status, ackMs: performance.now() - t0 };
}
const reply = (id: number) => standIn.waitFor((c) => c.path === `/respond/${id}`);
const replied = (id: number) => standIn.calls.some((c) => c.path === `/respond/${id}`);
const fetchesOf = (path: string) => site.requests.filter((r) => r.url === path).length;

describe("hostile pages through the running bot (issue 17)", () => {
  it("reads an article buried under 5,000 nested divs", { timeout: 60_000 }, async () => {
    const add = await command(site.url("/buried"));
    expect(add.status).toBe(200);
    const posted = JSON.stringify((await reply(add.id)).body);
    expect(posted).toContain("Added as story");
    expect(posted).toContain("Council approves budget");
  });

  it("answers another command while ten pathological pages are being extracted", {
    timeout: 120_000,
  }, async () => {
    const adds = [];
    for (let i = 0; i < 10; i++) adds.push(await command(site.url(`/slow/${i}`)));
    expect(adds.every((a) => a.status === 200)).toBe(true);
    const other = await command("", "/stories");
    expect(other.status).toBe(200);
    // Recorded, not asserted: wall-clock limits do not belong in unit tests (npm run bench measures).
    console.log(`ack of /stories while ten pages are extracting: ${other.ackMs.toFixed(0)} ms`);
    await reply(other.id);
    // The other command was answered while every one of the ten was still being read.
    expect(adds.filter((a) => replied(a.id))).toEqual([]);
    for (const a of adds) {
      const text = JSON.stringify((await reply(a.id)).body);
      expect(text).toContain(`this page is too complex to read (gave up after ${BUDGET_MS / 1000} s)`);
    }
  });

  it("answers a page that hit the budget at once for an hour, without fetching it again", {
    timeout: 60_000,
  }, async () => {
    expect(fetchesOf("/slow/3")).toBe(1);
    const again = await command(site.url("/slow/3"));
    const text = JSON.stringify((await reply(again.id)).body);
    expect(text).toContain(`this page is too complex to read (gave up after ${BUDGET_MS / 1000} s)`);
    expect(fetchesOf("/slow/3")).toBe(1);
  });
});
