import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkFeedToFollow, fetchOpml } from "../../src/app/feed-test.js";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { createStoreServices } from "../../src/app/services/index.js";
import { loadConfig } from "../../src/config.js";
import { buildExtractiveBrief } from "../../src/core/analyse.js";
import { createFetcher } from "../../src/ingest/fetch/fetcher.js";
import { openSqlite } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { range, startFeedSite } from "../digest/alert-helpers.js";
import { postSlashCommand, startSlackStandIn } from "./slack-standin.js";

const SECRET = "import-secret";
const dir = mkdtempSync(join(tmpdir(), "newsdesk-slack-import-"));
let store: Store;
let site: Awaited<ReturnType<typeof startFeedSite>>;
let standIn: Awaited<ReturnType<typeof startSlackStandIn>>;
let app: RunningNewsdesk;
let base: string;

beforeAll(async () => {
  site = await startFeedSite();
  site.set("/s1.xml", range(1, 2));
  site.set("/s2.xml", range(3, 4));
  store = await openSqlite(join(dir, "newsdesk.db"));
  const fetcher = createFetcher({
    allowHosts: "127.0.0.1",
    timeoutMs: 5000,
    connectTimeoutMs: 2000,
    maxBytes: 1_000_000,
    perHostConcurrency: 4,
  });
  standIn = await startSlackStandIn(["UADMIN"]);
  app = await startNewsdesk({
    config: loadConfig({
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${standIn.url}/api`,
      PORT: "1",
      LOG_LEVEL: "silent",
    }),
    services: createStoreServices({
      store,
      summarise: async (i) => buildExtractiveBrief(i),
      defaultTimezone: "UTC",
      checkFeed: (url) => checkFeedToFollow(fetcher, url),
      fetchOpml: (url) => fetchOpml(fetcher, url),
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
  rmSync(dir, { recursive: true, force: true });
});

describe("/feeds import on Slack (real Bolt, signed slash command)", () => {
  it("reads a file shared in Slack by its link with the bot token, and imports its feeds", async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><body>
<outline text="S1" xmlUrl="${site.base}/s1.xml"/><outline text="S2" xmlUrl="${site.base}/s2.xml"/>
<outline text="Bad" xmlUrl="ftp://files.example/feed"/></body></opml>`;
    standIn.files.set("/files-pri/T1-F0123ABC/feeds.opml", opml);
    standIn.methods["files.info"] = {
      ok: true,
      file: {
        id: "F0123ABC",
        size: opml.length,
        url_private_download: `${standIn.url}/files-pri/T1-F0123ABC/feeds.opml`,
      },
    };
    const ack = await postSlashCommand(base, SECRET, {
      command: "/feeds",
      text: "import https://news.slack.com/files/U1/F0123ABC/feeds.opml mode:alert",
      user_id: "UADMIN",
      channel_id: "CIMPORT",
      trigger_id: "trig-import-1",
      response_url: `${standIn.url}/respond/import-1`,
    });
    expect(ack.status).toBe(200);
    const reply = await standIn.waitFor((c) => c.path === "/respond/import-1");
    const text = JSON.stringify(reply.body);
    expect(text).toContain("2 added, 0 already followed, 1 not added.");
    const info = standIn.calls.find((c) => c.path === "/api/files.info");
    expect(info?.body.file).toBe("F0123ABC");
    const download = standIn.calls.find((c) => c.path === "/files-pri/T1-F0123ABC/feeds.opml");
    expect(download?.token).toBe("xoxb-test");

    const tenant = (await store.tenants.find("slack", "T1"))!;
    const channel = (await store.channels.findByExternalId(tenant.id, "CIMPORT"))!;
    const subs = await store.alerts.subscriptions(tenant.id, channel.id);
    expect(subs.map((s) => s.mode)).toEqual(["alert", "alert"]);
  });

  it("says what to do when Slack will not hand the file over", async () => {
    standIn.methods["files.info"] = { ok: false, error: "file_not_found" };
    await postSlashCommand(base, SECRET, {
      command: "/feeds",
      text: "import https://news.slack.com/files/U1/F0999/feeds.opml",
      user_id: "UADMIN",
      channel_id: "CIMPORT",
      trigger_id: "trig-import-2",
      response_url: `${standIn.url}/respond/import-2`,
    });
    const reply = await standIn.waitFor((c) => c.path === "/respond/import-2");
    const text = JSON.stringify(reply.body);
    expect(text).toContain("Slack did not hand over the file");
    expect(text).toMatch(/file.?_?.?not.?_?.?found/);
    expect(text).toContain("paste the OPML text instead");
  });
});
