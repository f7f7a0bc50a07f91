import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import type { Services } from "../../src/app/services.js";
import { loadConfig } from "../../src/config.js";
import type { StoryBrief } from "../../src/core/types.js";
import { containsSlackMention } from "../../src/render/escape.js";
import { openTestServices } from "../app/test-services.js";
import { postInteraction, postSlashCommand, startSlackStandIn } from "./slack-standin.js";

const SECRET = "test-signing-secret";

/** A brief full of mention syntax, as a hostile article could produce. */
const hostileBrief = (title: string): StoryBrief => ({
  title: `${title} <!channel> @everyone`,
  engine: "extractive",
  engineVersion: "test",
  language: "en",
  keyPoints: [
    { text: "Officials told <!here> and <@U999> that talks resumed.", sentences: [0] },
    { text: "A spokesman said @channel would be briefed.", sentences: [1] },
  ],
  quotes: [{ quote: "We are close <!everyone>", speaker: "John Kirby", sentence: 2, start: 0, end: 1 }],
  openQuestions: [],
  entities: [],
  notes: [],
});

let standIn: Awaited<ReturnType<typeof startSlackStandIn>>;
let app: RunningNewsdesk;
let base: string;
let services: Services;
/** Holds summarising until released, to prove the ack does not wait for slow work. */
let gate: Promise<void> = Promise.resolve();
/** What happened, in order: "summarise" when a summary starts, plus markers the tests add. */
const events: string[] = [];

beforeAll(async () => {
  standIn = await startSlackStandIn(["UADMIN"]);
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${standIn.url}/api`,
    PORT: "1",
    LOG_LEVEL: "silent",
  });
  services = await openTestServices({
    summarise: async (input) => {
      events.push("summarise");
      await gate;
      return hostileBrief(input.title ?? "Talks");
    },
  });
  app = await startNewsdesk({
    config,
    services,
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

let n = 0;
const fields = (command: string, text: string, user = "U1") => {
  n++;
  return {
    command,
    text,
    user_id: user,
    trigger_id: `trig-${n}`,
    response_url: `${standIn.url}/respond/${n}`,
  };
};
const ARTICLE = "Talks resumed in Cairo on Monday. Officials said the ceasefire proposal was on the table.";

describe("Slack over HTTP (real Bolt, signed requests)", () => {
  it("acks before the slow work, then responds with escaped Block Kit", async () => {
    let release!: () => void;
    gate = new Promise((r) => {
      release = r;
    });
    const f = fields("/add", ARTICLE);
    const ack = await postSlashCommand(base, SECRET, f);
    // The summariser is still blocked, so this 200 came before any work was done.
    expect(ack.status).toBe(200);
    expect(standIn.calls.some((c) => c.path === `/respond/${n}`)).toBe(false);
    release();
    const posted = await standIn.waitFor((c) => c.path === `/respond/${n}`);
    expect(posted.body.response_type).toBe("in_channel");
    const blocks = posted.body.blocks as { type: string; text?: { text: string } }[];
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.length).toBeLessThanOrEqual(50);
    const all = JSON.stringify(posted.body);
    expect(all).toContain("Added as story");
    // `>` carries a soft hyphen before it, so no split line can start a blockquote.
    expect(all).toContain("&lt;!channel\u00ad&gt;");
    expect(containsSlackMention(all)).toBe(false);
  });

  it("answers /summary with the story, no mention syntax surviving", async () => {
    const f = fields("/summary", "");
    expect((await postSlashCommand(base, SECRET, f)).status).toBe(200);
    const posted = await standIn.waitFor((c) => c.path === `/respond/${n}`);
    const all = JSON.stringify(posted.body);
    expect(all).toContain("Key points");
    expect(all).toContain("John Kirby");
    expect(containsSlackMention(all)).toBe(false);
  });

  it("rejects a bad signature and a stale timestamp with 401", async () => {
    const bad = await postSlashCommand(base, SECRET, fields("/summary", ""), { badSignature: true });
    expect(bad.status).toBe(401);
    const stale = await postSlashCommand(base, SECRET, fields("/summary", ""), {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(stale.status).toBe(401);
  });

  it("handles a retried delivery once", async () => {
    const f = fields("/stories", "");
    expect((await postSlashCommand(base, SECRET, f)).status).toBe(200);
    expect((await postSlashCommand(base, SECRET, f, { retryNum: 1 })).status).toBe(200);
    await standIn.waitFor((c) => c.path === `/respond/${n}`);
    // A later command's reply proves the retry had its chance to (wrongly) post first.
    const g = fields("/stories", "");
    await postSlashCommand(base, SECRET, g);
    await standIn.waitFor((c) => c.path === `/respond/${n}`);
    expect(standIn.calls.filter((c) => c.path === `/respond/${n - 1}`)).toHaveLength(1);
  });

  it("refuses admin commands to non-admins privately, after asking Slack who they are", async () => {
    const f = fields("/feeds", "add https://example.com/rss", "U1");
    await postSlashCommand(base, SECRET, f);
    const posted = await standIn.waitFor((c) => c.path === `/respond/${n}`);
    expect(posted.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(posted.body)).toContain("only admins");
    expect(standIn.calls.some((c) => c.path === "/api/users.info" && c.body.user === "U1")).toBe(true);
    const g = fields("/digest", "show", "UADMIN");
    await postSlashCommand(base, SECRET, g);
    const shown = await standIn.waitFor((c) => c.path === `/respond/${n}`);
    expect(JSON.stringify(shown.body)).not.toContain("only admins");
  });

  it("gives a usage hint for a missing argument, in the workspace's form (no aliases: /newsdesk who)", async () => {
    await postSlashCommand(base, SECRET, fields("/who", ""));
    const posted = await standIn.waitFor((c) => c.path === `/respond/${n}`);
    expect(posted.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(posted.body)).toContain("Usage: /newsdesk who");
  });

  it("opens a modal for /add with no text", async () => {
    const f = fields("/add", "");
    expect((await postSlashCommand(base, SECRET, f)).status).toBe(200);
    const open = await standIn.waitFor((c) => c.path === "/api/views.open");
    expect(open.body.trigger_id).toBe(f.trigger_id);
    expect(JSON.stringify(open.body.view)).toContain("newsdesk_add");
  });

  it("adds the article pasted into the /add modal and posts the result in the channel", async () => {
    const submission = (value: string | null) => ({
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
        team_id: "T1",
        app_id: "A1",
      },
    });
    const empty = await postInteraction(base, SECRET, submission(null));
    expect(empty.status).toBe(200);
    expect(JSON.parse(empty.body)).toMatchObject({ response_action: "errors" });
    const ok = await postInteraction(base, SECRET, submission(`Pasted: ${ARTICLE}`));
    expect(ok.status).toBe(200);
    const posted = await standIn.waitFor(
      (c) => c.path === "/api/chat.postMessage" && c.body.channel === "C42",
    );
    // The same event as the article the first test added in this workspace: it joins that story.
    expect(JSON.stringify(posted.body)).toMatch(/Added to story [\w-]+, which now has 2 articles/);
    expect(containsSlackMention(JSON.stringify(posted.body))).toBe(false);
  });

  it("keeps command work behind requests still waiting for their ack", async () => {
    // A Slack request whose body is still arriving: the server has it, its ack is not sent yet.
    const pending = request(`${base}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": "1000" },
    });
    const pendingDone = new Promise<number>((resolve) => {
      pending.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
    });
    pending.flushHeaders();
    await new Promise((r) => setTimeout(r, 50));
    events.length = 0;
    const f = fields("/add", `Another story. ${ARTICLE}`);
    expect((await postSlashCommand(base, SECRET, f)).status).toBe(200);
    // Well past the gate's quiet period but inside its 3 s cap: the work must still be waiting.
    await new Promise((r) => setTimeout(r, 500));
    events.push("pending request answered");
    pending.end("x".repeat(1000));
    expect(await pendingDone).toBe(401);
    await standIn.waitFor((c) => c.path === `/respond/${n}`);
    expect(events).toEqual(["pending request answered", "summarise"]);
  });

  it("sets a feed's filter with /feeds filter and removes a story with /stories remove", async () => {
    const respond = async (command: string, text: string, user = "UADMIN") => {
      const f = fields(command, text, user);
      expect((await postSlashCommand(base, SECRET, f)).status).toBe(200);
      return JSON.stringify((await standIn.waitFor((c) => c.path === `/respond/${n}`)).body);
    };
    expect(await respond("/feeds", 'add https://example.com/rss.xml include:"climate OR energy"')).toContain(
      "Filter: include: climate OR energy",
    );
    expect(await respond("/feeds", "filter example.com exclude:sports")).toContain("Filter set");
    expect(await respond("/feeds", "list", "U1")).toContain("include: climate OR energy; exclude: sports");

    const [story] = await services.stories.list("slack:T1", 1);
    expect(await respond("/stories", `remove ${story!.id}`, "U1")).toContain("only admins");
    expect(await respond("/stories", `remove ${story!.id}`)).toContain("no longer appears in digests");
    expect(await respond("/stories", "", "U1")).not.toContain(story!.id);
    expect(await respond("/summary", story!.id, "U1")).toContain("was removed on");
  });

  it("serves /healthz, /readyz and /metrics on the same port", async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, platforms: { slack: true }, notReady: [] });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/newsdesk_commands_total\{command="summary",outcome="ok",platform="slack"\} \d/);
    expect(metrics).toMatch(
      /newsdesk_commands_total\{command="feeds add",outcome="denied",platform="slack"\} 1/,
    );
    expect(metrics).toContain("newsdesk_ack_duration_seconds_bucket");
  });

  it("answers 404 to /slack/ paths it does not serve (no OAuth: no install paths either)", async () => {
    for (const path of ["/slack/nothing", "/slack/install", "/slack/oauth_redirect"]) {
      const res = await fetch(`${base}${path}`, { redirect: "manual" });
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("not found\n");
    }
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });
});
