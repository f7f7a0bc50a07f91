import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { shardOfGuild, slashInteraction, startDiscordStandIn } from "./discord-standin.js";

const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-shards-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const sink = new Writable({ write: (_c, _e, done) => done() });

describe("Discord sharding inside one process (DISCORD_SHARDS=auto)", () => {
  it("runs every shard the gateway recommends, answers each shard's guilds, and reports them all", async () => {
    const standIn = await startDiscordStandIn({ shards: 2 });
    const app = await startNewsdesk({
      config: loadConfig({
        DISCORD_TOKEN: "t",
        DISCORD_APP_ID: "200",
        DISCORD_API_URL: standIn.apiUrl,
        DISCORD_SHARDS: "auto",
        DATA_DIR: dataDir,
      }),
      stdin: process.stdin,
      stdout: process.stdout,
      interactive: false,
      logger: createLogger("silent", sink),
      http: { port: 0, host: "127.0.0.1" },
    });
    try {
      expect(standIn.identifies.map((i) => i.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      const guilds = ["400", String(1n << 22n)];
      expect(guilds.map((g) => shardOfGuild(g, 2))).toEqual([0, 1]);
      for (const [i, guild] of guilds.entries()) {
        standIn.dispatch("INTERACTION_CREATE", {
          ...slashInteraction(`70${i}`, "newsdesk", [{ type: 1, name: "help", options: [] }]),
          guild_id: guild,
        });
      }
      await Promise.all(
        [0, 1].map((i) =>
          standIn.waitFor(
            (c) => c.method === "POST" && c.path === `/interactions/70${i}/token-70${i}/callback`,
          ),
        ),
      );
      expect(standIn.dispatched.filter((d) => d.t === "INTERACTION_CREATE").map((d) => d.shard)).toEqual([
        0, 1,
      ]);
      const health = await fetch(`http://127.0.0.1:${app.httpPort}/healthz`).then((r) => r.json());
      expect(health).toMatchObject({
        ok: true,
        discord: {
          shardCount: 2,
          shards: [
            { id: 0, status: "ready" },
            { id: 1, status: "ready" },
          ],
        },
      });
    } finally {
      await app.stop();
      await standIn.close();
    }
  }, 30_000);
});
