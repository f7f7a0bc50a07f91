import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { postSlashCommand, startSlackStandIn } from "./slack-standin.js";

const SECRET = "test-signing-secret";
const ARTICLE =
  'Talks resumed in Cairo on Monday. "We are close to a deal on the hostages," said John Kirby, the ' +
  "White House national security spokesman. Officials said the ceasefire proposal was on the table.";

let standIn: Awaited<ReturnType<typeof startSlackStandIn>>;
const dirs: string[] = [];
const apps: RunningNewsdesk[] = [];

/** The real bot (real store-backed services on a fresh SQLite file) with or without aliases. */
async function startBot(aliases: boolean): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-slack-top-"));
  dirs.push(dataDir);
  const app = await startNewsdesk({
    config: loadConfig({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${standIn.url}/api`,
      SLACK_COMMAND_ALIASES: String(aliases),
      DATA_DIR: dataDir,
      PORT: "1",
      LOG_LEVEL: "silent",
    }),
    stdin: process.stdin,
    stdout: process.stdout,
    interactive: false,
    logger: createLogger("silent"),
    http: { port: 0, host: "127.0.0.1" },
  });
  apps.push(app);
  return `http://127.0.0.1:${app.httpPort}`;
}

let plain: string;
let aliased: string;
beforeAll(async () => {
  standIn = await startSlackStandIn();
  plain = await startBot(false);
  aliased = await startBot(true);
}, 30_000);

afterAll(async () => {
  for (const app of apps) await app.stop();
  await standIn?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

let n = 0;
/** Sends a signed slash command and returns the text of what came back on its response_url. */
async function command(base: string, name: string, text: string): Promise<{ type: unknown; text: string }> {
  const id = `top-${++n}`;
  const ack = await postSlashCommand(base, SECRET, {
    command: name,
    text,
    trigger_id: `trig-${id}`,
    response_url: `${standIn.url}/respond/${id}`,
  });
  expect(ack.status).toBe(200);
  const posted = await standIn.waitFor((c) => c.path === `/respond/${id}`);
  return { type: posted.body.response_type, text: JSON.stringify(posted.body) };
}

describe("Slack: /newsdesk reaches every command (real Bolt, real store)", () => {
  it("adds with /newsdesk add and answers /newsdesk who from the story", { timeout: 30_000 }, async () => {
    const added = await command(plain, "/newsdesk", `add ${ARTICLE}`);
    expect(added.text).toContain("Added as story");
    const who = await command(plain, "/newsdesk", `who "close to a deal"`);
    expect(who.text).toContain("John Kirby");
    expect(who.text).toContain("We are close to a deal on the hostages");
  });

  it("shows help and usage as /newsdesk … when the workspace has no aliases", async () => {
    const help = await command(plain, "/newsdesk", "");
    expect(help.type).toBe("ephemeral");
    expect(help.text).toContain("/newsdesk who &lt;quote\u00ad&gt;");
    expect(help.text).toContain("/newsdesk digest set");
    expect(help.text).toContain("Summarise with Newsdesk");
    expect(help.text).not.toMatch(/[\s"]\/who /);
    const missing = await command(plain, "/newsdesk", "who");
    expect(missing.text).toContain("Usage: /newsdesk who &lt;quote\u00ad&gt;");
    const unknown = await command(plain, "/newsdesk", "frobnicate");
    expect(unknown.text).toContain('/newsdesk has no \\"frobnicate\\"; use one of: summary, who, ask');
  });

  it("with SLACK_COMMAND_ALIASES=true answers /who itself and shows help as /who", {
    timeout: 30_000,
  }, async () => {
    await command(aliased, "/add", ARTICLE);
    const who = await command(aliased, "/who", "close to a deal");
    expect(who.text).toContain("John Kirby");
    const help = await command(aliased, "/newsdesk", "help");
    expect(help.text).toContain("/who &lt;quote\u00ad&gt;");
    expect(help.text).not.toContain("/newsdesk who");
    // /newsdesk who still works beside the alias.
    expect((await command(aliased, "/newsdesk", "who close to a deal")).text).toContain("John Kirby");
  });
});
