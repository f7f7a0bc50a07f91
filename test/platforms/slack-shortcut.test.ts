import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { containsSlackMention } from "../../src/render/escape.js";
import { createStore } from "../../src/store/index.js";
import { postInteraction, type Recorded, startSlackStandIn } from "./slack-standin.js";

const SECRET = "test-signing-secret";
const PAGE = readFileSync(new URL("../fixtures/ingest/news-article.html", import.meta.url), "utf8").replace(
  "</h1>",
  "</h1><p>Readers told &lt;!channel&gt; and @everyone about the bridge on Tuesday morning.</p>",
);

let standIn: Awaited<ReturnType<typeof startSlackStandIn>>;
let app: RunningNewsdesk;
let base: string;
let pages: Server;
let pageUrl: string;
let dataDir: string;
/** Holds the article page until released: the ack must come before the link is read. */
let gate: Promise<void> = Promise.resolve();
let pageRequests = 0;

beforeAll(async () => {
  pages = createServer(async (_req, res) => {
    pageRequests++;
    await gate;
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(PAGE);
  });
  await new Promise<void>((r) => pages.listen(0, "127.0.0.1", r));
  pageUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}/news/bridge.html`;
  standIn = await startSlackStandIn();
  dataDir = mkdtempSync(join(tmpdir(), "newsdesk-slack-shortcut-"));
  app = await startNewsdesk({
    config: loadConfig({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${standIn.url}/api`,
      DATA_DIR: dataDir,
      // The article server is on loopback; every other private address stays refused.
      FETCH_ALLOW_HOSTS: "127.0.0.1",
      PORT: "1",
      LOG_LEVEL: "silent",
    }),
    stdin: process.stdin,
    stdout: process.stdout,
    interactive: false,
    logger: createLogger("silent"),
    http: { port: 0, host: "127.0.0.1" },
  });
  base = `http://127.0.0.1:${app.httpPort}`;
}, 30_000);

afterAll(async () => {
  await app?.stop();
  await standIn?.close();
  await new Promise((r) => pages?.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

let n = 0;
/** A message_action payload as Slack posts it for "Summarise with Newsdesk". */
function shortcutPayload(text: string, message: { ts: string; thread_ts?: string }, channel = "C7") {
  const id = `sc-${++n}`;
  return {
    id,
    payload: {
      type: "message_action",
      token: "legacy",
      action_ts: `1700000000.${n}`,
      team: { id: "T1", domain: "news" },
      user: { id: "U1", name: "reader", username: "reader", team_id: "T1" },
      channel: { id: channel, name: "news" },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: "newsdesk_summarise",
      trigger_id: `trig-${id}`,
      response_url: `${standIn.url}/respond/${id}`,
      message_ts: message.ts,
      message: { type: "message", user: "U2", text, ...message },
    },
  };
}

/** A click on the private brief's "Post in thread" button, as Slack posts it. */
const clickPayload = (clickId: string, channel: string, value: string) => ({
  type: "block_actions",
  token: "legacy",
  api_app_id: "A1",
  team: { id: "T1", domain: "news" },
  user: { id: "U1", username: "reader", name: "reader", team_id: "T1" },
  channel: { id: channel, name: "news" },
  container: { type: "message", message_ts: "1700000200.000300", channel_id: channel, is_ephemeral: true },
  trigger_id: `trig-${clickId}`,
  response_url: `${standIn.url}/respond/${clickId}`,
  actions: [
    {
      type: "button",
      action_id: "newsdesk_post_in_thread",
      block_id: "b1",
      text: { type: "plain_text", text: "Post in thread" },
      value,
      action_ts: `${Date.now() / 1000}`,
    },
  ],
});

const respondedTo = (id: string) => (c: Recorded) => c.path === `/respond/${id}`;

describe("Slack message shortcut: Summarise with Newsdesk (real Bolt, real store, real fetch)", () => {
  it("acks before reading the link, answers privately with the brief and a Post in thread button, which posts it in the thread", {
    timeout: 30_000,
  }, async () => {
    let release!: () => void;
    gate = new Promise((r) => {
      release = r;
    });
    const { id, payload } = shortcutPayload(`Have you seen <${pageUrl}|this>? Big news.`, {
      ts: "1700000100.000200",
      thread_ts: "1700000000.000100",
    });
    const ack = await postInteraction(base, SECRET, payload);
    expect(ack.status).toBe(200);
    // The page is still held: the 200 came before the link was read.
    expect(standIn.calls.some(respondedTo(id))).toBe(false);
    release();
    const answered = await standIn.waitFor(respondedTo(id));
    expect(pageRequests).toBeGreaterThan(0);
    expect(answered.body.response_type).toBe("ephemeral");
    const shown = JSON.stringify(answered.body);
    expect(shown).toContain("Harbour bridge reopens");
    expect(shown).toContain("Key points");
    expect(containsSlackMention(shown)).toBe(false);
    const blocks = answered.body.blocks as {
      type: string;
      elements?: { action_id: string; value: string }[];
    }[];
    const button = blocks.at(-1)!;
    expect(button.type).toBe("actions");
    expect(button.elements![0]!.action_id).toBe("newsdesk_post_in_thread");

    // The user chooses to share it: the same brief goes to the message's thread, for everyone.
    const clickId = `click-${n}`;
    const click = await postInteraction(
      base,
      SECRET,
      clickPayload(clickId, "C7", button.elements![0]!.value),
    );
    expect(click.status).toBe(200);
    const posted = await standIn.waitFor(
      (c) => c.path === "/api/chat.postMessage" && c.body.channel === "C7",
    );
    // In the thread the message belongs to (its thread_ts, not its own ts).
    expect(posted.body.thread_ts).toBe("1700000000.000100");
    expect(JSON.stringify(posted.body)).toContain("Harbour bridge reopens");
    expect(containsSlackMention(JSON.stringify(posted.body))).toBe(false);
    const replaced = await standIn.waitFor(respondedTo(clickId));
    expect(replaced.body).toMatchObject({ text: "Posted in the thread.", replace_original: true });
    // The thread is now about that story: replies there are answered about it (conversations).
    const store = await createStore({ DATA_DIR: dataDir, DATABASE_URL: undefined });
    try {
      const tenant = await store.tenants.ensure({ platform: "slack", externalId: "T1" });
      const stories = await store.threads.storiesOf(tenant.id, {
        channel: "C7",
        thread: "1700000000.000100",
      });
      expect(stories).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it("tells the user privately when the bot may not post in that thread", { timeout: 30_000 }, async () => {
    standIn.history.onPost = (body, deliver) => {
      if (String(body.channel).startsWith("CNOTIN")) return { ok: false, error: "not_in_channel" };
      deliver();
      return undefined;
    };
    const { id, payload } = shortcutPayload(`<${pageUrl}>`, { ts: "1700000700.000100" }, "CNOTIN1");
    await postInteraction(base, SECRET, payload);
    const answered = await standIn.waitFor(respondedTo(id));
    const blocks = answered.body.blocks as { type: string; elements?: { value: string }[] }[];
    const clickId = `click-${n}`;
    await postInteraction(base, SECRET, clickPayload(clickId, "CNOTIN1", blocks.at(-1)!.elements![0]!.value));
    const told = await standIn.waitFor(respondedTo(clickId));
    expect(JSON.stringify(told.body)).toContain("could not post in that thread (not\u02cdin\u02cdchannel)");
    expect(JSON.stringify(told.body)).toContain("/invite @Newsdesk");
    expect(told.body.replace_original).toBe(false);
    standIn.history.onPost = undefined;
  });

  it("says so when the message has no links, with no button", async () => {
    const { id, payload } = shortcutPayload("Morning all, nothing to read today.", {
      ts: "1700000300.000100",
    });
    expect((await postInteraction(base, SECRET, payload)).status).toBe(200);
    const answered = await standIn.waitFor(respondedTo(id));
    expect(answered.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(answered.body)).toContain("That message has no links to brief.");
    expect(JSON.stringify(answered.body)).not.toContain("newsdesk_post_in_thread");
  });

  it("refuses an internal address with /add's SSRF reason, reading nothing", async () => {
    const before = pageRequests;
    const { id, payload } = shortcutPayload("see http://10.0.0.7/admin and <http://[::127.0.0.1]:9/>", {
      ts: "1700000400.000100",
    });
    expect((await postInteraction(base, SECRET, payload)).status).toBe(200);
    const text = JSON.stringify((await standIn.waitFor(respondedTo(id))).body);
    expect(text).toContain("No link in that message could be read.");
    expect(text).toContain("it is a private address");
    expect(text).toContain("it is a loopback address");
    expect(text).not.toContain("newsdesk_post_in_thread");
    expect(pageRequests).toBe(before);
  });

  it("answers a replayed shortcut once", async () => {
    const { id, payload } = shortcutPayload("no links here either", { ts: "1700000500.000100" });
    await postInteraction(base, SECRET, payload);
    await postInteraction(base, SECRET, payload);
    await standIn.waitFor(respondedTo(id));
    // A later shortcut's answer proves the replay had its chance to (wrongly) answer first.
    const later = shortcutPayload("nothing", { ts: "1700000600.000100" });
    await postInteraction(base, SECRET, later.payload);
    await standIn.waitFor(respondedTo(later.id));
    expect(standIn.calls.filter(respondedTo(id))).toHaveLength(1);
  });
});
