import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { readinessReport } from "../../src/app/http.js";
import { createLogger } from "../../src/app/logger.js";
import { startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { startDiscordStandIn } from "../platforms/discord-standin.js";

const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-ready-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const sink = new Writable({ write: (_c, _e, done) => done() });

describe("liveness /healthz and readiness /readyz", () => {
  it("is live at once, ready only when Discord is connected (SQLite store, real client)", async () => {
    const standIn = await startDiscordStandIn({ holdReady: true });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const starting = startNewsdesk({
      config: loadConfig({
        DISCORD_TOKEN: "t",
        DISCORD_APP_ID: "200",
        DISCORD_API_URL: standIn.apiUrl,
        DATA_DIR: dataDir,
      }),
      stdin: process.stdin,
      stdout: process.stdout,
      interactive: false,
      logger: createLogger("silent", sink),
      http: { port, host: "127.0.0.1" },
    });
    try {
      // The gateway has the client's IDENTIFY but has not answered READY: still connecting.
      await standIn.identify;
      const live = await fetch(`${base}/healthz`);
      expect(live.status).toBe(200);
      // Liveness names every gateway shard and its state, without depending on it.
      const liveBody = (await live.json()) as {
        ok: boolean;
        discord: { shardCount: number; shards: unknown[] };
      };
      expect(liveBody).toMatchObject({ ok: true, discord: { shardCount: 1 } });
      expect(liveBody.discord.shards).toHaveLength(1);
      expect(liveBody.discord.shards[0]).toMatchObject({ id: 0 });
      expect(liveBody.discord.shards[0]).not.toMatchObject({ status: "ready" });
      const notYet = await fetch(`${base}/readyz`);
      expect(notYet.status).toBe(503);
      expect(await notYet.json()).toEqual({
        ok: false,
        store: true,
        platforms: { discord: false },
        notReady: ["discord"],
      });

      standIn.sendReady();
      const app = await starting;
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ok: true, platforms: { discord: true }, notReady: [] });
      expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({
        ok: true,
        discord: { shardCount: 1, shards: [{ id: 0, status: "ready" }] },
      });
      await app.stop();
    } finally {
      await starting.then((a) => a.stop()).catch(() => {});
      await standIn.close();
    }
  });

  it("names the store when it does not answer", () => {
    expect(readinessReport(false, { slack: true, discord: false })).toEqual({
      ok: false,
      store: false,
      platforms: { slack: true, discord: false },
      notReady: ["store", "discord"],
    });
    expect(readinessReport(true, {}).ok).toBe(true);
  });
});
