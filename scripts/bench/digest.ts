import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { ManualClock } from "../../src/digest/clock.js";
import { createDigestRunner } from "../../src/digest/runner.js";
import type { DigestPoster } from "../../src/digest/types.js";
import { openPostgres, openSqlite } from "../../src/store/index.js";
import { CHANNELS, dataset, loadPostgres, loadSqlite, PG_URL, SLOT, STORIES } from "./digest-data.js";
import type { BenchSection } from "./types.js";

/**
 * `npm run bench -- --only digest`: 10,000 channels due in the same minute, 200 stories; every
 * digest composed and handed to a stand-in poster. Each backend runs in its own child process
 * so its peak RSS is its own. Targets: ≤ 60 s and ≤ 300 MB per backend.
 */

/** Child process: one backend, prints one JSON line with the figures. */
async function child(kind: "sqlite" | "postgres"): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-bench-"));
  const schema = `nd_bench_${process.pid}`;
  const store =
    kind === "sqlite"
      ? await openSqlite(join(dir, "newsdesk.db"))
      : await openPostgres(PG_URL, { pgSchema: schema, poolSize: 10 });
  try {
    const { rows } = await dataset(store);
    if (kind === "sqlite") await loadSqlite(join(dir, "newsdesk.db"), rows);
    else await loadPostgres(schema, rows);
    let posted = 0;
    let items = 0;
    const poster: DigestPoster = {
      async post(digest, { nonce }) {
        posted++;
        items += digest.items.length;
        JSON.stringify(digest); // what a real poster would at least do
        return { messageId: `m-${nonce}` };
      },
    };
    const runner = createDigestRunner({
      store,
      poster,
      clock: new ManualClock(new Date(SLOT.getTime() + 5_000)),
      maxStories: 8,
      postEmpty: false,
      concurrency: kind === "sqlite" ? 4 : 10,
      batchSize: 1000,
    });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const report = await runner.tick();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const rssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`${JSON.stringify({ kind, seconds, cpuSeconds, rssMb, posted, items, report })}\n`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    if (kind === "postgres" && !process.env.BENCH_KEEP_SCHEMA) {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  }
}

async function postgresUp(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

function runChild(kind: string): Promise<string> {
  const tsx = fileURLToPath(new URL("../../node_modules/tsx/dist/esm/index.mjs", import.meta.url));
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", tsx, self, "--child", kind], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    p.on("exit", (code) =>
      code === 0
        ? resolve(out.trim().split("\n").at(-1) ?? "")
        : reject(new Error(`bench child ${kind} exited ${code}`)),
    );
  });
}

export const digestBench: BenchSection = {
  name: "digest",
  async run(ctx) {
    const kinds = ["sqlite", ...((await postgresUp()) ? ["postgres"] : [])];
    if (kinds.length === 1) ctx.log(`digest postgres: SKIPPED (no PostgreSQL at ${PG_URL})`);
    for (const kind of kinds) {
      const r = JSON.parse(await runChild(kind));
      const ok = r.posted === CHANNELS && r.seconds <= 60 && r.rssMb <= 300;
      ctx.log(
        `digest ${kind}: ${CHANNELS} channels same minute, ${STORIES} stories: ${r.posted} digests (${r.items} items) composed and handed to the poster in ${r.seconds.toFixed(1)} s (${Math.round(r.posted / r.seconds)}/s; ${r.cpuSeconds.toFixed(1)} s CPU in the bot process, load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores), peak RSS ${Math.round(r.rssMb)} MB — target ≤ 60 s, ≤ 300 MB: ${ok ? "OK" : "MISSED"}`,
      );
    }
  },
};

const childIndex = process.argv.indexOf("--child");
if (childIndex > 0) await child(process.argv[childIndex + 1] as "sqlite" | "postgres");
