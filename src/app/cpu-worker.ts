import { parentPort } from "node:worker_threads";
import type { StoryBrief } from "../core/types.js";
import { type PageReading, readPage } from "../ingest/extract/read-page.js";

/** The jobs the CPU pool runs: the same pure functions the command line calls in-process. */
export type CpuJob =
  | { kind: "read"; html: string; url?: string }
  | { kind: "brief"; text: string; title?: string };

export type CpuResult<J extends CpuJob> = J extends { kind: "read" } ? PageReading : StoryBrief;

export type WorkerReply =
  | { ready: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; name: string; message: string };

// The analysis engine (wink-nlp and its model) loads on the first brief: a worker that only reads
// pages never pays for it.
let analyse: Promise<typeof import("../core/analyse.js")> | undefined;

async function runJob(job: CpuJob): Promise<unknown> {
  if (job.kind === "read") return readPage(job.html, job.url);
  analyse ??= import("../core/analyse.js");
  return (await analyse).buildExtractiveBrief({ text: job.text, title: job.title });
}

const port = parentPort;
if (port) {
  port.on("message", async ({ id, job }: { id: number; job: CpuJob }) => {
    try {
      port.postMessage({ id, ok: true, value: await runJob(job) } satisfies WorkerReply);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      port.postMessage({ id, ok: false, name: e.name, message: e.message } satisfies WorkerReply);
    }
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}
