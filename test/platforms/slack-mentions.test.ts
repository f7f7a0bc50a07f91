import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { containsSlackMention } from "../../src/render/escape.js";
import { startArticleServer } from "./article-server.js";
import { postEvent, postSlashCommand, type Recorded, startSlackStandIn } from "./slack-standin.js";

const SECRET = "test-signing-secret";
const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-slack-mentions-"));
let standIn: Awaited<ReturnType<typeof startSlackStandIn>>;
let pages: Awaited<ReturnType<typeof startArticleServer>>;
let app: RunningNewsdesk;
let base: string;

beforeAll(async () => {
  standIn = await startSlackStandIn(["UADMIN"]);
  pages = await startArticleServer();
  // The real wiring: store-backed services on a SQLite file, the SSRF-checked fetcher (loopback
  // allowed only for the article server's address), the store-backed delivery dedupe.
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${standIn.url}/api`,
    DATA_DIR: dataDir,
    PORT: "1",
    FETCH_ALLOW_HOSTS: "127.0.0.1",
    AUTOLINKS_PER_HOUR: "2",
    LOG_LEVEL: "silent",
  });
  app = await startNewsdesk({
    config,
    stdin: process.stdin,
    stdout: process.stdout,
    interactive: false,
    logger: createLogger("silent"),
    http: { port: 0, host: "127.0.0.1" },
  });
  base = `http://127.0.0.1:${app.httpPort}`;
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await standIn?.close();
  await pages?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let seq = 100;
const nextTs = () => `1700000${++seq}.000100`;
const inThread = (root: string) => (c: Recorded) =>
  (c.path === "/api/chat.postMessage" || c.path === "/api/chat.postEphemeral") && c.body.thread_ts === root;
const repliesIn = (root: string) => standIn.calls.filter(inThread(root));
const mention = (text: string, extra: Record<string, unknown> = {}) => ({
  type: "app_mention",
  user: "U1",
  text: `<@UBOT> ${text}`,
  channel: "C1",
  ts: nextTs(),
  ...extra,
});

describe("Slack conversations: app_mention and thread replies (real Bolt, signed events)", () => {
  let root = "";

  it("briefs a mentioned link in the message's thread, acked at once", { timeout: 60_000 }, async () => {
    const event = mention(`have a look <${pages.base}/biden.html>`);
    root = event.ts;
    const started = performance.now();
    const ack = await postEvent(base, SECRET, "T1", event);
    expect(ack.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3000);
    const posted = await standIn.waitFor(inThread(root));
    expect(posted.path).toBe("/api/chat.postMessage");
    expect(posted.body.channel).toBe("C1");
    const all = JSON.stringify(posted.body);
    expect(all).toContain("Added as story");
    expect(all).toContain("Biden");
    expect(containsSlackMention(all)).toBe(false);
    expect(pages.hits.get("/biden.html")).toBe(1);
  });

  it("answers a follow-up in that thread about the thread's story, not the latest one", {
    timeout: 60_000,
  }, async () => {
    // A newer story in the workspace: outside the thread it would be the one "more" shows.
    const other = mention(`<${pages.base}/harbour.html>`);
    await postEvent(base, SECRET, "T1", other);
    expect(JSON.stringify((await standIn.waitFor(inThread(other.ts))).body)).toContain("Rotterdam");

    await postEvent(base, SECRET, "T1", mention("more", { thread_ts: root }));
    await standIn.waitFor((c) => inThread(root)(c) && JSON.stringify(c.body).includes("Key points"));
    const more = repliesIn(root).at(-1)!;
    expect(JSON.stringify(more.body)).toContain("Netanyahu");
    expect(JSON.stringify(more.body)).not.toContain("Rotterdam");

    await postEvent(base, SECRET, "T1", mention(`who said "hot mic"?`, { thread_ts: root }));
    const who = await standIn.waitFor((c) => inThread(root)(c) && JSON.stringify(c.body).includes("said it"));
    expect(JSON.stringify(who.body)).toContain("Joe Biden");
  });

  it("answers a plain reply in the thread that reads as a follow-up, and not small talk", {
    timeout: 60_000,
  }, async () => {
    const before = repliesIn(root).length;
    await postEvent(base, SECRET, "T1", {
      type: "message",
      user: "U2",
      text: "thanks, nice one",
      channel: "C1",
      ts: nextTs(),
      thread_ts: root,
    });
    await postEvent(base, SECRET, "T1", {
      type: "message",
      user: "U2",
      text: "who said it's looking tough?",
      channel: "C1",
      ts: nextTs(),
      thread_ts: root,
    });
    await standIn.waitFor((c) => inThread(root)(c) && repliesIn(root).indexOf(c) >= before);
    // Only the follow-up was answered (the small talk came first, so it had its chance).
    const replies = repliesIn(root).slice(before);
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]!.body)).toContain("said it");
  });

  it("answers a retried delivery once, and never a bot's message", { timeout: 60_000 }, async () => {
    const event = mention("who said hot mic");
    const first = await postEvent(base, SECRET, "T1", event);
    await postEvent(base, SECRET, "T1", event, { eventId: first.eventId, retryNum: 1 });
    await postEvent(base, SECRET, "T1", mention("who said hot mic", { bot_id: "BOTHER", ts: nextTs() }));
    const barrier = mention("who said hot mic");
    await postEvent(base, SECRET, "T1", barrier);
    await standIn.waitFor(inThread(barrier.ts));
    expect(repliesIn(event.ts)).toHaveLength(1);
    // Outside a thread: the workspace's stories, as /who answers.
    expect(JSON.stringify(repliesIn(event.ts)[0]!.body)).toContain("Joe Biden");
  });

  it("keeps a hostile article's text neutral in the thread reply", { timeout: 60_000 }, async () => {
    const event = mention(`<${pages.base}/hostile.html>`);
    await postEvent(base, SECRET, "T1", event);
    const reply = await standIn.waitFor(inThread(event.ts));
    const all = JSON.stringify(reply.body);
    expect(all).toContain("Council vote");
    expect(containsSlackMention(all)).toBe(false);
  });

  it("refuses a private address in a mention with /add's SSRF message, fetching nothing", {
    timeout: 60_000,
  }, async () => {
    const event = mention("<http://10.0.0.7/admin>");
    await postEvent(base, SECRET, "T1", event);
    const reply = await standIn.waitFor(inThread(event.ts));
    expect(reply.path).toBe("/api/chat.postEphemeral");
    expect(JSON.stringify(reply.body)).toContain("private address");
  });

  it("answers a reply in a digest's thread about the item it names", { timeout: 60_000 }, async () => {
    // Both stories were briefed in C1, so C1's digest has them, numbered.
    await postSlashCommand(base, SECRET, {
      command: "/digest",
      text: "now",
      user_id: "UADMIN",
      trigger_id: "digest-now-1",
      response_url: `${standIn.url}/respond/digest-now-1`,
    });
    const digest = await standIn.waitFor(
      (c) =>
        c.path === "/api/chat.postMessage" &&
        (c.body.metadata as { event_type?: string } | undefined)?.event_type === "newsdesk_digest",
    );
    const text = JSON.stringify(digest.body.blocks);
    expect(text).toContain("1. ");
    expect(text).toContain("2. ");
    expect(text).toContain("reply to ask about a story");
    // Which story is item 2 is the digest's choice: read it from the message.
    const titleOf = (n: number) => new RegExp(`\\*${n}\\. ([^*]+)\\*`).exec(text)?.[1] ?? "";
    const [first, second] = [titleOf(1), titleOf(2)].map((t) => t.split(" ").slice(0, 4).join(" "));
    expect(second).not.toBe("");
    expect(first).not.toBe("");
    expect(first).not.toBe(second);
    const digestTs = digestTsOf(digest);
    expect(digestTs).not.toBe("");
    await postEvent(base, SECRET, "T1", {
      type: "message",
      user: "U3",
      text: "2 more",
      channel: "C1",
      ts: nextTs(),
      thread_ts: digestTs,
    });
    const reply = JSON.stringify((await standIn.waitFor(inThread(digestTs))).body);
    expect(reply).toContain(second);
    expect(reply).not.toContain(first);

    // Without a number, "more" asks which one.
    await postEvent(base, SECRET, "T1", mention("more", { thread_ts: digestTs }));
    const which = await standIn.waitFor(
      (c) => inThread(digestTs)(c) && JSON.stringify(c.body).includes("Which story"),
    );
    expect(which.path).toBe("/api/chat.postEphemeral");
  });
});

describe("Slack auto-briefs of posted links (opt-in per channel)", () => {
  const posted = (channel: string, text: string, extra: Record<string, unknown> = {}) => ({
    type: "message",
    user: "U1",
    text,
    channel,
    ts: nextTs(),
    ...extra,
  });
  const command = async (text: string, user: string, channel = "C2") => {
    const id = `autolinks-${nextTs()}`;
    await postSlashCommand(base, SECRET, {
      command: "/newsdesk",
      text,
      user_id: user,
      trigger_id: id,
      response_url: `${standIn.url}/respond/${id}`,
      channel_id: channel,
    });
    return JSON.stringify((await standIn.waitFor((c) => c.path === `/respond/${id}`)).body);
  };
  const settle = () => new Promise((r) => setTimeout(r, 800));

  it("is off until an admin turns it on", { timeout: 60_000 }, async () => {
    const before = posted("C2", `<${pages.base}/biden.html>`);
    await postEvent(base, SECRET, "T1", before);
    expect(await command("autolinks on", "U1")).toContain("only admins");
    expect(await command("autolinks maybe", "UADMIN")).toContain("neither on nor off");
    expect(await command("autolinks on", "UADMIN")).toContain("Auto-briefs on");
    await settle();
    expect(repliesIn(before.ts)).toHaveLength(0);
  });

  it("briefs an article link in its thread, once per message, never a bot's or a page that is no article", {
    timeout: 60_000,
  }, async () => {
    const home = posted("C2", `front page: <${pages.base}/home.html>`);
    await postEvent(base, SECRET, "T1", home);
    const bot = posted("C2", `<${pages.base}/harbour.html>`, { bot_id: "BOTHER", subtype: "bot_message" });
    await postEvent(base, SECRET, "T1", bot);
    const article = posted("C2", `worth a read <${pages.base}/harbour.html> and <${pages.base}/biden.html>`);
    await postEvent(base, SECRET, "T1", article);
    const reply = await standIn.waitFor(inThread(article.ts));
    expect(JSON.stringify(reply.body)).toContain("Rotterdam");
    await settle();
    expect(repliesIn(article.ts)).toHaveLength(1);
    expect(repliesIn(home.ts)).toHaveLength(0);
    expect(repliesIn(bot.ts)).toHaveLength(0);
    expect(pages.hits.get("/home.html")).toBe(1);
    // The thread knows its story: a follow-up there is about the harbour.
    await postEvent(
      base,
      SECRET,
      "T1",
      posted("C2", "who said the night shifts are finally fair?", { thread_ts: article.ts }),
    );
    await standIn.waitFor(
      (c) => inThread(article.ts)(c) && JSON.stringify(c.body).includes("Marieke Jansen"),
    );
  });

  it("stops at the hourly limit per channel, and stops when turned off", { timeout: 60_000 }, async () => {
    // AUTOLINKS_PER_HOUR=2 here: the harbour brief above was the first.
    const second = posted("C2", `<${pages.base}/biden.html>`);
    await postEvent(base, SECRET, "T1", second);
    await standIn.waitFor(inThread(second.ts));
    const third = posted("C2", `<${pages.base}/harbour.html>`);
    await postEvent(base, SECRET, "T1", third);
    await settle();
    expect(repliesIn(third.ts)).toHaveLength(0);
    expect(await command("autolinks off", "UADMIN")).toContain("Auto-briefs off");
  });

  it("unfurls a link on a domain the channel listed with its brief, instead of a thread reply", {
    timeout: 60_000,
  }, async () => {
    expect(await command("autolinks on unfurl:127.0.0.1", "UADMIN", "C3")).toContain("unfurled");
    const url = `${pages.base}/harbour.html`;
    const message = posted("C3", `<${url}>`);
    await postEvent(base, SECRET, "T1", message);
    await postEvent(base, SECRET, "T1", {
      type: "link_shared",
      channel: "C3",
      user: "U1",
      message_ts: message.ts,
      links: [{ domain: "127.0.0.1", url }],
      source: "conversations_history",
      unfurl_id: `U${message.ts}`,
    });
    const unfurl = await standIn.waitFor((c) => c.path === "/api/chat.unfurl");
    expect(unfurl.body.ts).toBe(message.ts);
    const unfurls = unfurl.body.unfurls as Record<string, { blocks: unknown[] }>;
    expect(JSON.stringify(unfurls[url]?.blocks)).toContain("Rotterdam");
    await settle();
    expect(repliesIn(message.ts)).toHaveLength(0);
    expect(await command("autolinks on unfurl:not_a_domain!", "UADMIN", "C3")).toContain("is not a domain");
  });
});

/** The ts Slack gave a recorded chat.postMessage: the stand-in's channel history has it. */
function digestTsOf(call: Recorded): string {
  const list = standIn.history.byChannel.get(String(call.body.channel)) ?? [];
  return list.find((m) => m.metadata?.event_type === "newsdesk_digest")?.ts ?? "";
}
