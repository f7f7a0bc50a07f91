import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openPostgres } from "../../src/store/index.js";
import { addStory } from "../digest/helpers.js";
import { dueOnce } from "../digest/spawn-worker.js";
import { dropSchema, postgresReachable, TEST_PG_URL, uniqueSchema } from "../store/backends.js";

const pgUp = await postgresReachable();
if (!pgUp)
  console.warn(`PostgreSQL not reachable at ${TEST_PG_URL}: the concurrent --run-once test is SKIPPED`);

const bin = new URL("../../bin/newsdesk.js", import.meta.url).pathname;
const CHANNELS = 120;

/** `newsdesk digest --run-once` as an operator (or two cron jobs) would run it. */
function runOnce(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, "digest", "--run-once"], {
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!pgUp)("newsdesk digest --run-once twice at the same moment on one PostgreSQL", () => {
  it("prints each due digest once between them", async () => {
    const schema = uniqueSchema();
    const store = await openPostgres(TEST_PG_URL, { pgSchema: schema, poolSize: 4 });
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-runonce-"));
    try {
      const tenant = await store.tenants.ensure({ platform: "console", externalId: "local" });
      for (let i = 0; i < CHANNELS; i++) {
        const channel = await store.channels.ensure(tenant.id, { externalId: `ops-${i}` });
        await addStory(store, tenant.id, { channelId: channel.id }, new Date(), {
          title: `Ops story ${i} ends`,
        });
        await dueOnce(store, tenant.id, channel.id);
      }
      const url = new URL(TEST_PG_URL);
      url.searchParams.set("options", `-c search_path=${schema}`);
      const env = (name: string) => ({
        DATABASE_URL: url.toString(),
        DATA_DIR: join(dir, name),
        LOG_LEVEL: "silent",
      });
      const runs = await Promise.all([runOnce(env("one")), runOnce(env("two"))]);
      expect(runs.map((r) => r.code)).toEqual([0, 0]);
      const printed = runs.map((r) => r.stdout).join("\n");
      const times = Array.from(
        { length: CHANNELS },
        (_, i) => printed.split(`Ops story ${i} ends:\n`).length - 1,
      );
      expect(times.filter((n) => n !== 1)).toEqual([]);
      const reports = runs.map((r) => JSON.parse(r.stderr.trim().split("\n").at(-1)!) as { posted: number });
      expect(reports[0]!.posted + reports[1]!.posted).toBe(CHANNELS);
      console.log(`--run-once ×2: ${reports.map((r) => r.posted).join(" + ")} digests, each printed once`);
    } finally {
      await store.close();
      await dropSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
