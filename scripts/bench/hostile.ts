import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { defaultPoolSize } from "../../src/app/cpu-pool.js";
import { createLogger } from "../../src/app/logger.js";
import { startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { extractFromHtml } from "../../src/ingest/extract/html-article.js";
import {
  articleAtTheBottom,
  nested,
  nestedDivs,
  slowEvenFlattened,
} from "../../test/ingest/helpers/deep-pages.js";
import { html, startServer } from "../../test/ingest/helpers/server.js";
import { postSlashCommand, startSlackStandIn } from "../../test/platforms/slack-standin.js";
import { percentile, SECRET } from "./platforms-load.js";
import type { BenchSection } from "./types.js";

/** Fastest of three in-process extractions of one page, in ms. */
function fastest(page: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    extractFromHtml(page);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const PAGES = 10;
const PROBES = 30;

/**
 * The running bot (Slack HTTP mode, SQLite, default 5 s budget) given ten pages that are slow even
 * after flattening; meanwhile a /stories every 100 ms, timed from request to ack and to answer.
 */
async function ackWhileExtracting(log: (line: string) => void): Promise<void> {
  const slow = slowEvenFlattened();
  const site = await startServer(
    Object.fromEntries(Array.from({ length: PAGES }, (_, i) => [`/slow/${i}`, html(slow)])),
  );
  const slack = await startSlackStandIn();
  const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-bench-hostile-"));
  const app = await startNewsdesk({
    config: loadConfig({
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${slack.url}/api`,
      PORT: "1",
      DATA_DIR: dataDir,
      FETCH_ALLOW_HOSTS: "127.0.0.1",
      LOG_LEVEL: "silent",
    }),
    stdin: process.stdin,
    stdout: process.stdout,
    interactive: false,
    logger: createLogger("silent"),
    http: { port: 0, host: "127.0.0.1" },
  });
  const base = `http://127.0.0.1:${app.httpPort}`;
  let id = 0;
  const send = async (command: string, text: string) => {
    const n = ++id;
    const t0 = performance.now();
    await postSlashCommand(base, SECRET, {
      command,
      text,
      trigger_id: `b-${n}`,
      response_url: `${slack.url}/respond/${n}`,
    });
    const ack = performance.now() - t0;
    const answered = slack.waitFor((c) => c.path === `/respond/${n}`).then((c) => c.at - t0);
    return { ack, answered };
  };
  try {
    for (let i = 0; i < 10; i++) await (await send("/stories", "")).answered; // warm-up
    const started = performance.now();
    const adds = await Promise.all(
      Array.from({ length: PAGES }, (_, i) => send("/add", site.url(`/slow/${i}`))),
    );
    const acks: number[] = [];
    const answers: number[] = [];
    for (let i = 0; i < PROBES; i++) {
      const probe = await send("/stories", "");
      acks.push(probe.ack);
      answers.push(await probe.answered);
      await new Promise((r) => setTimeout(r, 100));
    }
    const probing = (performance.now() - started) / 1000;
    const addDone = await Promise.all(adds.map((a) => a.answered));
    const tooComplex = slack.calls.filter((c) => JSON.stringify(c.body).includes("too complex")).length;
    const f = (raw: number[]) => {
      const xs = [...raw].sort((a, b) => a - b);
      return `p50 ${percentile(xs, 50).toFixed(0)} ms, p95 ${percentile(xs, 95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
    };
    log(
      `hostile: ${PAGES} pages of ${(slow.length / 1024).toFixed(0)} KB slow even after flattening, /add at once; ${PROBES} /stories meanwhile, one every 100 ms`,
    );
    log(`hostile: /stories ack ${f(acks)} — target < 200 ms: ${Math.max(...acks) < 200 ? "met" : "NOT met"}`);
    log(`hostile: /stories answered ${f(answers)}`);
    log(
      `hostile: the ${PAGES} pages answered "too complex" ${tooComplex}/${PAGES}, the last ${(Math.max(...addDone) / 1000).toFixed(1)} s after its /add (5 s budget per page, pool of ${defaultPoolSize()} workers); probes ran ${probing.toFixed(1)} s`,
    );
    log(`hostile: load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
  } finally {
    await app.stop();
    await slack.close();
    await site.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Issue 17: deep nesting costs milliseconds, and extraction never holds the event loop. */
export const hostileBench: BenchSection = {
  name: "hostile",
  async run(ctx) {
    const pages: [string, string][] = [
      ["1,000 nested divs", nestedDivs(1000)],
      ["5,000 nested divs", nestedDivs(5000)],
      ["5,000 nested spans", nested("span", 5000, "x")],
      ["5,000 nested sections", nested("section", 5000, "x")],
      ["article under 5,000 divs", articleAtTheBottom(5000)],
    ];
    for (const [name, page] of pages) {
      const ms = fastest(page);
      ctx.log(
        `hostile: ${name} (${(page.length / 1024).toFixed(0)} KB): ${ms.toFixed(1)} ms per page, fastest of 3 — target < 1000 ms: ${ms < 1000 ? "met" : "NOT met"}`,
      );
    }
    await ackWhileExtracting(ctx.log);
  },
};
