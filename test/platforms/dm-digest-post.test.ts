import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { createPlatformPoster } from "../../src/app/poster.js";
import { loadConfig } from "../../src/config.js";
import { ManualClock } from "../../src/digest/clock.js";
import { createDigestRunner } from "../../src/digest/runner.js";
import { containsDiscordMention, containsSlackMention } from "../../src/render/escape.js";
import { createStore, type Store } from "../../src/store/index.js";
import { slashInteraction, startDiscordStandIn } from "./discord-standin.js";
import { postSlashCommand, startSlackStandIn } from "./slack-standin.js";

const SECRET = "test-signing-secret";
const ARTICLE =
  "Talks resumed in Cairo on Monday @everyone. Officials said the ceasefire proposal was on the table. " +
  "A spokesman said both delegations would meet again on Tuesday.";
const silent = createLogger("silent");
const dirs: string[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * The bot's own store file opened a second time, and a digest runner over it with a clock the test
 * moves, posting through the running bot's adapters (the real poster and platform code).
 */
async function runnerOver(dataDir: string, app: RunningNewsdesk, clock: ManualClock) {
  const store: Store = await createStore({ DATA_DIR: dataDir, DATABASE_URL: undefined });
  cleanups.push(() => store.close());
  const poster = createPlatformPoster(store, silent);
  poster.attach({ slack: app.slack, discord: app.discord });
  return createDigestRunner({ store, poster, clock, maxStories: 5, postEmpty: false, owner: "test" });
}

describe("DM digests posted by the real platform code", () => {
  let slackStandIn: Awaited<ReturnType<typeof startSlackStandIn>>;
  let slackApp: RunningNewsdesk;
  let slackDir: string;
  let base: string;
  beforeAll(async () => {
    slackStandIn = await startSlackStandIn([], {
      "conversations.open": { ok: true, channel: { id: "D42" } },
    });
    slackDir = mkdtempSync(join(tmpdir(), "newsdesk-dm-slack-"));
    dirs.push(slackDir);
    slackApp = await startNewsdesk({
      config: loadConfig({
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${slackStandIn.url}/api`,
        DATA_DIR: slackDir,
        PORT: "1",
        LOG_LEVEL: "silent",
      }),
      stdin: process.stdin,
      stdout: process.stdout,
      interactive: false,
      logger: silent,
      http: { port: 0, host: "127.0.0.1" },
    });
    cleanups.push(
      () => slackStandIn.close(),
      () => slackApp.stop(),
    );
    base = `http://127.0.0.1:${slackApp.httpPort}`;
  }, 30_000);

  let n = 0;
  async function slash(text: string) {
    const id = `dm-${++n}`;
    await postSlashCommand(base, SECRET, {
      command: "/newsdesk",
      text,
      user_id: "U9",
      trigger_id: `trig-${id}`,
      response_url: `${slackStandIn.url}/respond/${id}`,
    });
    return JSON.stringify((await slackStandIn.waitFor((c) => c.path === `/respond/${id}`)).body);
  }

  it("Slack: /newsdesk digest me subscribes, and the digest goes to the user's DM once at 07:00 Paris time", {
    timeout: 30_000,
  }, async () => {
    expect(await slash(`add ${ARTICLE}`)).toContain("Added as story");
    expect(await slash("digest me")).toContain("You get no digest of this channel in your DMs");
    const set = await slash("digest me daily 07:00 Europe/Paris");
    expect(set).toContain("DM digest scheduled");
    expect(set).toContain("every day at 07:00 Europe/Paris");
    expect(set).toContain("/newsdesk digest me off");
    expect(await slash("digest me")).toContain("In your DMs: every day at 07:00 Europe/Paris");
    const [next] = /next: [^"\\]+/.exec(set) ?? [];
    expect(next).toBeTruthy();

    // 07:00 in Paris in December is 06:00 UTC; the bot set the next slot from its real clock.
    const slot = nextParisSeven(new Date());
    const clock = new ManualClock(new Date(slot.getTime() - 60_000).toISOString());
    const runner = await runnerOver(slackDir, slackApp, clock);
    await runner.tick();
    expect(slackStandIn.calls.some((c) => c.path === "/api/conversations.open")).toBe(false);
    clock.set(new Date(slot.getTime() + 5_000).toISOString());
    await runner.tick();
    await runner.tick();
    const opened = slackStandIn.calls.filter((c) => c.path === "/api/conversations.open");
    expect(opened).toHaveLength(1);
    expect(opened[0]!.body.users).toBe("U9");
    const posts = slackStandIn.calls.filter(
      (c) => c.path === "/api/chat.postMessage" && c.body.channel === "D42",
    );
    expect(posts).toHaveLength(1);
    const text = JSON.stringify(posts[0]!.body);
    expect(text).toContain("07:00");
    expect(text).toContain("Talks resumed in Cairo");
    expect(containsSlackMention(text)).toBe(false);

    expect(await slash("digest me off")).toContain("DM digest stopped");
    expect(await slash("digest me")).toContain("You get no digest of this channel in your DMs");
  });

  it("Discord: /digest me opens a DM channel (POST /users/@me/channels) and posts there once", {
    timeout: 30_000,
  }, async () => {
    const standIn = await startDiscordStandIn();
    const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-dm-discord-"));
    dirs.push(dataDir);
    const app = await startNewsdesk({
      config: loadConfig({
        DISCORD_TOKEN: "test-token",
        DISCORD_APP_ID: "200",
        DISCORD_API_URL: standIn.apiUrl,
        DATA_DIR: dataDir,
        LOG_LEVEL: "silent",
      }),
      stdin: process.stdin,
      stdout: process.stdout,
      interactive: false,
      logger: silent,
    });
    cleanups.push(
      () => standIn.close(),
      () => app.stop(),
    );
    const followUp = (id: string) => (c: { method: string; path: string }) =>
      (c.method === "POST" && c.path === `/webhooks/200/token-${id}`) ||
      (c.method === "PATCH" && c.path === `/webhooks/200/token-${id}/messages/@original`);
    standIn.dispatch(
      "INTERACTION_CREATE",
      slashInteraction("d1", "add", [{ type: 3, name: "article", value: ARTICLE }]),
    );
    expect(JSON.stringify((await standIn.waitFor(followUp("d1"))).body)).toContain("Added as story");
    standIn.dispatch(
      "INTERACTION_CREATE",
      slashInteraction("d2", "digest", [
        {
          type: 1,
          name: "me",
          options: [{ type: 3, name: "schedule", value: "daily 07:00 America/New_York" }],
        },
      ]),
    );
    expect(JSON.stringify((await standIn.waitFor(followUp("d2"))).body)).toContain("DM digest scheduled");

    const slot = nextNewYorkSeven(new Date());
    const clock = new ManualClock(new Date(slot.getTime() - 60_000).toISOString());
    const runner = await runnerOver(dataDir, app, clock);
    await runner.tick();
    expect(standIn.calls.some((c) => c.path === "/users/@me/channels")).toBe(false);
    clock.set(new Date(slot.getTime() + 5_000).toISOString());
    await runner.tick();
    await runner.tick();
    const opened = standIn.calls.filter((c) => c.method === "POST" && c.path === "/users/@me/channels");
    expect(opened).toHaveLength(1);
    expect(opened[0]!.body).toEqual({ recipient_id: "500" });
    const posts = standIn.calls.filter(
      (c) =>
        c.method === "POST" &&
        /^\/channels\/\d+\/messages$/.test(c.path) &&
        JSON.stringify(c.body).includes("Talks resumed"),
    );
    expect(posts).toHaveLength(1);
    expect(containsDiscordMention(JSON.stringify(posts[0]!.body))).toBe(false);
  });
});

/** The next 07:00 in a zone with a whole-hour offset from UTC, found by trying each hour. */
function nextLocalSeven(from: Date, timeZone: string): Date {
  const hour = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" });
  const start = Math.ceil(from.getTime() / 3_600_000) * 3_600_000;
  for (let t = start; ; t += 3_600_000) if (hour.format(new Date(t)) === "07") return new Date(t);
}
const nextParisSeven = (from: Date) => nextLocalSeven(from, "Europe/Paris");
const nextNewYorkSeven = (from: Date) => nextLocalSeven(from, "America/New_York");
