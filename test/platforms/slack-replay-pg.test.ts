import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { dropSchema, postgresReachable, TEST_PG_URL, uniqueSchema } from "../store/backends.js";
import type { LogLine } from "./slack-oauth-harness.js";
import { addSubmissionBody, eventBody, send, signRequest } from "./slack-signed.js";
import { type Recorded, startSlackStandIn } from "./slack-standin.js";

const SECRET = "test-signing-secret";
const ARTICLE =
  "Talks resumed in Cairo on Monday. Officials said the ceasefire proposal was on the table. " +
  "A spokesman said both delegations would meet again on Tuesday.";

const reachable = await postgresReachable();
if (!reachable)
  console.warn(`PostgreSQL not reachable at ${TEST_PG_URL}: the two-instance replay test is SKIPPED`);

interface Instance {
  app: RunningNewsdesk;
  base: string;
  logs: LogLine[];
}

/**
 * Two bots behind one load balancer: separate processes' worth of state (Bolt apps, HTTP servers,
 * store pools), one PostgreSQL schema between them.
 */
describe.skipIf(!reachable)("Slack replays across two instances on one PostgreSQL", () => {
  const schema = uniqueSchema();
  let standIn: Awaited<ReturnType<typeof startSlackStandIn>>;
  const instances: Instance[] = [];

  async function startInstance(): Promise<Instance> {
    const url = new URL(TEST_PG_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const logs: LogLine[] = [];
    const app = await startNewsdesk({
      config: loadConfig({
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${standIn.url}/api`,
        PORT: "1",
        DATABASE_URL: url.toString(),
        LOG_LEVEL: "silent",
      }),
      stdin: process.stdin,
      stdout: process.stdout,
      interactive: false,
      logger: createLogger("info", { write: (line: string) => void logs.push(JSON.parse(line)) }),
      http: { port: 0, host: "127.0.0.1" },
    });
    return { app, base: `http://127.0.0.1:${app.httpPort}`, logs };
  }

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    standIn = await startSlackStandIn();
    // One after the other: the first migrates the schema, the second finds it migrated.
    instances.push(await startInstance());
    instances.push(await startInstance());
  }, 60_000);

  afterAll(async () => {
    for (const i of instances) await i.app.stop();
    await standIn?.close();
    await dropSchema(schema);
  });

  const postedTo = (channel: string) => (c: Recorded) =>
    c.path === "/api/chat.postMessage" && c.body.channel === channel;

  it("posts an /add form submission reaching both instances once", { timeout: 30_000 }, async () => {
    const [a, b] = instances as [Instance, Instance];
    const body = addSubmissionBody({ channelId: "CPG", text: ARTICLE, triggerId: "modal-pg-1" });
    const submission = signRequest(SECRET, body, "application/x-www-form-urlencoded");
    const sent = await Promise.all([send(a.base, submission), send(b.base, submission, { retryNum: 1 })]);
    expect(sent.map((r) => r.status)).toEqual([200, 200]);
    await standIn.waitFor(postedTo("CPG"));
    // A new submission through each instance shows the other copy had its chance to post.
    for (const [i, bot] of [a, b].entries()) {
      const channelId = `CPG-SETTLE-${i}`;
      const other = addSubmissionBody({
        channelId,
        text: `Other ${i}. ${ARTICLE}`,
        triggerId: `modal-pg-s${i}`,
      });
      await send(bot.base, signRequest(SECRET, other, "application/x-www-form-urlencoded"));
      await standIn.waitFor(postedTo(channelId));
    }
    expect(standIn.calls.filter(postedTo("CPG"))).toHaveLength(1);
    // The claim both instances raced for is the row in their shared schema.
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    try {
      const r = await client.query(
        `SELECT delivery_key FROM ${schema}.delivery_keys WHERE delivery_key LIKE $1`,
        ["%modal-pg-1"],
      );
      expect(r.rows).toEqual([{ delivery_key: "slack:T1:view_submission:modal-pg-1" }]);
    } finally {
      await client.end();
    }
  });

  it("handles an event reaching both instances once", { timeout: 30_000 }, async () => {
    const [a, b] = instances as [Instance, Instance];
    const removal = signRequest(
      SECRET,
      eventBody("TPG", "EvPg1", { type: "app_uninstalled" }),
      "application/json",
    );
    const sent = await Promise.all([send(a.base, removal), send(b.base, removal, { retryNum: 1 })]);
    expect(sent.map((r) => r.status)).toEqual([200, 200]);
    for (const [i, bot] of [a, b].entries()) {
      const team = `TPG-SETTLE-${i}`;
      await send(
        bot.base,
        signRequest(SECRET, eventBody(team, `EvPgS${i}`, { type: "app_uninstalled" }), "application/json"),
      );
      await vi.waitFor(
        () => {
          if (!bot.logs.some((l) => l.event === "app_uninstalled" && l.teamId === team))
            throw new Error("not yet");
        },
        { timeout: 10_000, interval: 20 },
      );
    }
    const handled = [...a.logs, ...b.logs].filter((l) => l.event === "app_uninstalled" && l.teamId === "TPG");
    expect(handled).toHaveLength(1);
  });
});
