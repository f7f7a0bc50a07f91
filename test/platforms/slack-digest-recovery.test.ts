import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { commandRegistry } from "../../commands/registry.js";
import { createLogger } from "../../src/app/logger.js";
import { createMetrics } from "../../src/app/metrics.js";
import { createPlatformPoster, type PlatformPoster } from "../../src/app/poster.js";
import { loadConfig } from "../../src/config.js";
import { ManualClock } from "../../src/digest/clock.js";
import { digestToReply } from "../../src/digest/reply.js";
import { createDigestRunner } from "../../src/digest/runner.js";
import { parseSchedule } from "../../src/digest/schedule.js";
import { createSlackAdapter, type SlackAdapter } from "../../src/platforms/slack/slack.js";
import { renderSlack } from "../../src/render/slack.js";
import { openSqlite } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { openTestServices } from "../app/test-services.js";
import { addStory } from "../digest/helpers.js";
import { digestIn } from "./digest-fixtures.js";
import { startSlackStandIn } from "./slack-standin.js";

let standIn: Awaited<ReturnType<typeof startSlackStandIn>>;
let slack: SlackAdapter;
let poster: PlatformPoster;
let store: Store;
const dir = mkdtempSync(join(tmpdir(), "newsdesk-slack-recovery-"));
const TEAM = { platform: "slack", externalId: "T1" } as const;

beforeAll(async () => {
  standIn = await startSlackStandIn();
  store = await openSqlite(join(dir, "newsdesk.db"));
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: "secret",
    PORT: "1",
    SLACK_API_URL: `${standIn.url}/api`,
  });
  slack = createSlackAdapter({
    config,
    services: await openTestServices({ store }),
    registry: commandRegistry,
    metrics: createMetrics(),
    logger: createLogger("silent"),
  });
  poster = createPlatformPoster(store, createLogger("silent"));
  poster.attach({ slack });
});
beforeEach(() => {
  standIn.history.onPost = undefined;
});
afterAll(async () => {
  await store?.close();
  await standIn?.close();
  rmSync(dir, { recursive: true, force: true });
});

const posts = (channel: string) =>
  standIn.calls.filter((c) => c.path === "/api/chat.postMessage" && c.body.channel === channel);
const stored = (channel: string) => standIn.history.byChannel.get(channel) ?? [];

describe("Slack digests carry their run in message metadata (real WebClient, Slack stand-in)", () => {
  it("marks every part with the run's nonce and part index, and reads no history on a first attempt", async () => {
    const digest = await digestIn(store, TEAM, "CMETA", 60);
    const parts = renderSlack(digestToReply(digest)).length;
    expect(parts).toBeGreaterThan(1);
    const ts = await poster.post(digest, { nonce: "nonce-meta", attempt: 1 });
    expect(stored("CMETA").map((m) => m.metadata)).toEqual(
      Array.from({ length: parts }, (_, part) => ({
        event_type: "newsdesk_digest",
        event_payload: { nonce: "nonce-meta", part, parts },
      })),
    );
    expect(ts.messageId).toBe(stored("CMETA")[0]!.ts);
    expect(standIn.calls.some((c) => c.path === "/api/conversations.history")).toBe(false);
  });

  it("resumed, finds a digest that reached Slack (record lost) and does not post it again", async () => {
    const digest = await digestIn(store, TEAM, "CLOST");
    const first = await poster.post(digest, { nonce: "nonce-lost", attempt: 1 });
    const again = await poster.post(digest, {
      nonce: "nonce-lost",
      attempt: 2,
      resumedSince: new Date().toISOString(),
    });
    expect(again.messageId).toBe(first.messageId);
    expect(posts("CLOST")).toHaveLength(1);
    const lookup = standIn.calls.find(
      (c) => c.path === "/api/conversations.history" && c.body.channel === "CLOST",
    );
    // Form-encoded by the WebClient, so the values arrive as strings.
    expect(lookup?.body).toMatchObject({ include_all_metadata: "true", limit: "100" });
    // Bounded: from shortly before the intent, not the channel's whole history.
    expect(Number(lookup?.body.oldest)).toBeGreaterThan(Date.now() / 1000 - 3600);
  });

  it("resumed, completes a digest cut off after its first part from the first missing part", async () => {
    const digest = await digestIn(store, TEAM, "CPART", 60);
    const parts = renderSlack(digestToReply(digest)).length;
    expect(parts).toBeGreaterThan(1);
    await poster.post(digest, { nonce: "nonce-part", attempt: 1 });
    // The crash came after part 0: the channel holds only that one.
    standIn.history.byChannel.set("CPART", stored("CPART").slice(0, 1));
    const before = posts("CPART").length;
    await poster.post(digest, { nonce: "nonce-part", attempt: 2, resumedSince: new Date().toISOString() });
    expect(posts("CPART").length - before).toBe(parts - 1);
    expect(stored("CPART").map((m) => m.metadata?.event_payload.part)).toEqual(
      Array.from({ length: parts }, (_, i) => i),
    );
  });

  it("resumed, tells a digest of another run (other nonce) from this one and posts", async () => {
    const digest = await digestIn(store, TEAM, "COTHER");
    await poster.post(digest, { nonce: "nonce-other-a", attempt: 1 });
    await poster.post(digest, { nonce: "nonce-other-b", attempt: 2, resumedSince: new Date().toISOString() });
    expect(stored("COTHER").map((m) => m.metadata?.event_payload.nonce)).toEqual([
      "nonce-other-a",
      "nonce-other-b",
    ]);
  });

  it("finds the parts through the adapter's lookup, and says when it cannot read the channel", async () => {
    const digest = await digestIn(store, TEAM, "CFIND");
    const { messageId } = await poster.post(digest, { nonce: "nonce-find", attempt: 1 });
    const since = new Date(Date.now() - 60_000).toISOString();
    expect(await slack.findDigestPost("T1", "CFIND", "nonce-find", since)).toEqual(new Map([[0, messageId]]));
    expect(await slack.findDigestPost("T1", "CNOTIN1", "nonce-find", since)).toBeUndefined();
  });
});

describe("the runner resumes a Slack digest whose answer was lost (real store, runner, WebClient)", () => {
  it("posts it once: the retry finds it in the channel and records its ts", async () => {
    const tenant = await store.tenants.ensure(TEAM);
    const channel = await store.channels.ensure(tenant.id, { externalId: "CRUN" });
    const clock = new ManualClock("2026-07-01T07:59:00Z");
    const p = parseSchedule("daily 08:00", "UTC");
    await store.schedules.set(tenant.id, channel.id, {
      spec: p.spec,
      timezone: "UTC",
      nextSlotAt: new Date("2026-07-01T08:00:00Z"),
    });
    await addStory(store, tenant.id, { channelId: channel.id }, new Date("2026-07-01T07:00:00Z"));
    // Slack takes the message, but the answer never arrives (here: an error in its place).
    standIn.history.onPost = (_body, deliver) => {
      deliver();
      return { ok: false, error: "internal_error" };
    };
    const runner = createDigestRunner({
      store,
      poster,
      clock,
      maxStories: 5,
      postEmpty: false,
      backoffMs: 1000,
    });
    clock.set("2026-07-01T08:00:05Z");
    expect((await runner.tick()).retried).toBe(1);
    const [pending] = await store.digests.listRuns(tenant.id, channel.id);
    expect(pending?.status).toBe("posting");
    standIn.history.onPost = undefined;
    clock.set("2026-07-01T08:00:10Z");
    expect((await runner.tick()).posted).toBe(1);
    const [run] = await store.digests.listRuns(tenant.id, channel.id);
    expect(run?.status).toBe("posted");
    expect(posts("CRUN")).toHaveLength(1);
    expect(stored("CRUN")).toHaveLength(1);
    expect(run?.messageId).toBe(stored("CRUN")[0]!.ts);
  });
});
