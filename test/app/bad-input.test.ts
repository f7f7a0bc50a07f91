import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { REFUSALS } from "../../src/ingest/classify-input.js";
import { slashInteraction, startDiscordStandIn } from "../platforms/discord-standin.js";
import { postInteraction, postSlashCommand, startSlackStandIn } from "../platforms/slack-standin.js";
import { startConsoleBot } from "./console-bot.js";

/**
 * The same bad inputs through every chat path, on the real wiring (SQLite file, worker pool):
 * a saved web page is read as a page, and what is no article is refused with one message.
 */
const PAGE = new URL("../fixtures/ingest/news-article.html", import.meta.url).pathname;
// One line, as a chat command carries it.
const pastedHtml = readFileSync(PAGE, "utf8").replace(/\s*\n\s*/g, " ");
const dir = mkdtempSync(join(tmpdir(), "newsdesk-bad-chat-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const SCHEME = `Only http and https addresses are read ("file:" is not one).`;
const EMOJI = "🤷‍♀️ 🤷‍♀️ 🎉🎉🎉 👍🏽 ❤️";

/** Bad input as typed into chat, and the message every path gives for it. */
const refusals: Array<[string, string, string]> = [
  ["emoji-only text", EMOJI, REFUSALS.no_letters],
  ["random symbols", "#$%^&* ()_+ {}|:<>? ~!@ --- ***", REFUSALS.no_letters],
  ["a headline", "Bridge reopens after repairs", REFUSALS.too_short],
  ["a file: URL", "file:///etc/passwd", SCHEME],
];

describe("console /add", () => {
  const dataDir = join(dir, "console");
  async function consoleSays(lines: string[]): Promise<string> {
    const bot = await startConsoleBot({ DATA_DIR: dataDir });
    bot.stdin.end(`${lines.join("\n")}\n`);
    await bot.app.done;
    return bot.output();
  }

  it.each([
    ["an empty file", file("empty.txt", ""), REFUSALS.empty],
    ["a whitespace-only file", file("blank.txt", " \n\n\t \n"), REFUSALS.empty],
    ["an emoji-only file", file("emoji.txt", `${EMOJI}\n`), REFUSALS.no_letters],
    ...refusals,
  ])("refuses %s and files nothing", { timeout: 30_000 }, async (_name, input, message) => {
    const out = await consoleSays([`/add ${input}`, "/stories"]);
    expect(out).toContain(message);
    expect(out).not.toContain("Untitled story");
    expect(out).not.toContain("Added as story");
  });

  it.each([
    ["an HTML file", PAGE],
    ["an HTML file named .txt", file("page.txt", readFileSync(PAGE, "utf8"))],
    ["pasted HTML", pastedHtml],
  ])("reads %s as a page", { timeout: 30_000 }, async (_name, input) => {
    const out = await consoleSays([`/add ${input}`]);
    // The cases share one store and one page: after the first, the page is already in its story.
    expect(out).toMatch(/Added as story|Already in story/);
    expect(out).toContain("Ana Lopes");
    expect(out).not.toMatch(/doctype|<html|<head|Gazette/i);
  });
});

describe("Slack /add (signed requests to the real adapter)", () => {
  const SECRET = "bad-input-secret";
  let standIn: Awaited<ReturnType<typeof startSlackStandIn>>;
  let app: RunningNewsdesk;
  let base: string;
  let n = 0;
  beforeAll(async () => {
    standIn = await startSlackStandIn();
    app = await startNewsdesk({
      config: loadConfig({
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${standIn.url}/api`,
        PORT: "1",
        DATA_DIR: join(dir, "slack"),
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
  });

  async function command(text: string): Promise<string> {
    const id = ++n;
    const fields = {
      command: "/add",
      text,
      trigger_id: `t${id}`,
      response_url: `${standIn.url}/respond/${id}`,
    };
    expect((await postSlashCommand(base, SECRET, fields)).status).toBe(200);
    return JSON.stringify((await standIn.waitFor((c) => c.path === `/respond/${id}`)).body);
  }
  const submit = (value: string) =>
    postInteraction(base, SECRET, {
      type: "view_submission",
      team: { id: "T1", domain: "news" },
      user: { id: "U1", username: "reader", team_id: "T1" },
      api_app_id: "A1",
      token: "legacy",
      trigger_id: `modal-${++n}`,
      view: {
        id: "V1",
        type: "modal",
        callback_id: "newsdesk_add",
        private_metadata: JSON.stringify({ channelId: "C42" }),
        state: { values: { article: { text: { type: "plain_text_input", value } } } },
        hash: "h",
      },
    });

  it.each(refusals)("command text: refuses %s", { timeout: 30_000 }, async (_name, input, message) => {
    const reply = await command(input);
    expect(reply).toContain(message.replace(/"/g, '\\"'));
    expect(reply).toContain('"response_type":"ephemeral"');
  });

  it.each(refusals)("form: refuses %s in the form itself", async (_name, input, message) => {
    const ack = await submit(input);
    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.body)).toEqual({ response_action: "errors", errors: { article: message } });
  });

  it("form: refuses an empty article with the message every path gives", async () => {
    const ack = await submit(" \n\t ");
    expect(ack.status).toBe(200);
    const errors = (JSON.parse(ack.body) as { errors: { article: string } }).errors;
    expect(errors.article).toContain(REFUSALS.empty);
  });

  it("form: reads pasted HTML as a page and posts the story in the channel", {
    timeout: 30_000,
  }, async () => {
    // The form holds 3,000 characters: the page's article part, as a user would paste it.
    const html = `<!doctype html><html><head><title>Harbour schedule - The Example Gazette</title></head><body><article><h1>Harbour schedule</h1>${Array.from(
      { length: 6 },
      (_, i) =>
        `<p>The harbour committee met for the ${i + 1}th time on Tuesday, and its chair Ana Lopes said the new schedule would start in spring.</p>`,
    ).join("")}</article></body></html>`;
    const ack = await submit(html);
    expect(ack.status).toBe(200);
    expect(ack.body).not.toContain("errors");
    const posted = await standIn.waitFor(
      (c) => c.path === "/api/chat.postMessage" && JSON.stringify(c.body).includes("Harbour schedule"),
    );
    const body = JSON.stringify(posted.body);
    expect(body).toContain("Ana Lopes");
    expect(body).not.toMatch(/doctype|&lt;html|&lt;p&gt;/i);
  });

  it("command text: reads pasted HTML as a page", { timeout: 30_000 }, async () => {
    const reply = await command(pastedHtml);
    expect(reply).toContain("Added as story");
    expect(reply).toContain("Ana Lopes");
    expect(reply).not.toMatch(/doctype|&lt;html|Gazette/i);
  });
});

describe("Discord /add (the real adapter over a gateway stand-in)", () => {
  let standIn: Awaited<ReturnType<typeof startDiscordStandIn>>;
  let app: RunningNewsdesk;
  beforeAll(async () => {
    standIn = await startDiscordStandIn();
    app = await startNewsdesk({
      config: loadConfig({
        DISCORD_TOKEN: "test-token",
        DISCORD_APP_ID: "200",
        DISCORD_API_URL: standIn.apiUrl,
        DATA_DIR: join(dir, "discord"),
        LOG_LEVEL: "silent",
      }),
      stdin: process.stdin,
      stdout: process.stdout,
      interactive: false,
      logger: createLogger("silent"),
    });
    await standIn.identify;
  });
  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
  });

  let id = 0;
  /** The reply to `/add <input>`: the edited original (an answer) or an ephemeral follow-up (an error). */
  async function add(input: string): Promise<string> {
    const key = String(++id);
    standIn.dispatch(
      "INTERACTION_CREATE",
      slashInteraction(key, "add", [{ type: 3, name: "article", value: input }]),
    );
    const reply = await standIn.waitFor(
      (c) =>
        c.path.startsWith(`/webhooks/200/token-${key}`) &&
        (c.method === "POST" || (c.method === "PATCH" && c.path.endsWith("/@original"))),
    );
    return JSON.stringify(reply.body);
  }

  it.each(refusals)("refuses %s", { timeout: 30_000 }, async (_name, input, message) => {
    expect(await add(input)).toContain(message.replace(/"/g, '\\"'));
  });

  it("answers whitespace-only text as a missing article, with the usage", { timeout: 30_000 }, async () => {
    // An empty option is no argument at all: the command's own usage says what to give.
    const reply = await add("  \t  ");
    expect(reply).toContain("Missing article");
    expect(reply).toContain("Usage: /add");
    expect(reply).not.toContain("Added");
  });

  it("reads pasted HTML as a page", { timeout: 30_000 }, async () => {
    const reply = await add(pastedHtml);
    expect(reply).toContain("Ana Lopes");
    expect(reply).not.toMatch(/doctype|<html|Gazette/i);
  });
});
