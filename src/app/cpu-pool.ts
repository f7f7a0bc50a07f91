import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { CpuJob, CpuResult, WorkerReply } from "./cpu-worker.js";

/**
 * Worker threads for the CPU-heavy work on users' input (page extraction, extractive briefs), so
 * the event loop keeps acknowledging commands while a hostile page is being read (ADR 0014).
 * Each worker runs one job at a time; a job with a time limit that runs past it has its worker
 * terminated (the only way to stop synchronous code) and a fresh worker takes the next job.
 */
export interface CpuPool {
  run<J extends CpuJob>(job: J, options?: { timeoutMs?: number }): Promise<CpuResult<J>>;
  /** Rejects queued jobs and terminates every worker. */
  close(): Promise<void>;
}

/** A job that ran past its limit; its worker was terminated. */
export class JobTimeoutError extends Error {
  override name = "JobTimeoutError";
  constructor(readonly timeoutMs: number) {
    super(`the job ran past its limit of ${timeoutMs} ms`);
  }
}

export interface CpuPoolOptions {
  /** Workers at most (default: the cores less one for the event loop, from 2 to 4). */
  size?: number;
}

interface Pending {
  id: number;
  job: CpuJob;
  timeoutMs?: number;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current?: Pending;
  timer?: NodeJS.Timeout;
}

/**
 * How to start the worker: the compiled cpu-worker.js beside this file in dist/ (Docker), or, when
 * this file is the TypeScript source (tsx, vitest), a plain-JS bootstrap that registers tsx inside
 * the worker first. Workers do not inherit loader hooks registered with tsx's API (bin/newsdesk.js)
 * or vitest's transform, and `--import` in a worker's execArgv is ignored.
 */
export function workerStart(moduleUrl: string = import.meta.url): { file: URL; workerData?: unknown } {
  const fromSource = /\.[cm]?ts$/.test(new URL(moduleUrl).pathname);
  const entry = new URL(fromSource ? "./cpu-worker.ts" : "./cpu-worker.js", moduleUrl);
  if (!fromSource) return { file: entry };
  return { file: new URL("./cpu-worker-tsx.mjs", moduleUrl), workerData: { entry: entry.href } };
}

export function defaultPoolSize(): number {
  return Math.min(4, Math.max(2, availableParallelism() - 1));
}

export function createCpuPool(options: CpuPoolOptions = {}): CpuPool {
  const size = options.size ?? defaultPoolSize();
  const start = workerStart();
  const slots = new Set<Slot>();
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  function settle(slot: Slot): Pending | undefined {
    const job = slot.current;
    clearTimeout(slot.timer);
    slot.current = undefined;
    slot.timer = undefined;
    return job;
  }

  function drop(slot: Slot, err: Error): void {
    if (!slots.delete(slot)) return;
    settle(slot)?.reject(err);
    void slot.worker.terminate();
    dispatch();
  }

  function spawn(): void {
    const slot: Slot = { worker: new Worker(start.file, { workerData: start.workerData }), ready: false };
    slots.add(slot);
    slot.worker.on("message", (msg: WorkerReply) => {
      if ("ready" in msg) {
        // The budget starts once the modules are loaded: a cold start is not the page's fault.
        slot.ready = true;
      } else if (slot.current && msg.id === slot.current.id) {
        const job = settle(slot);
        if (msg.ok) job?.resolve(msg.value);
        else job?.reject(Object.assign(new Error(msg.message), { name: msg.name }));
      }
      dispatch();
    });
    slot.worker.on("error", (err) => drop(slot, err));
    slot.worker.on("exit", (code) => drop(slot, new Error(`the worker stopped (exit code ${code})`)));
  }

  function dispatch(): void {
    if (closed) return;
    for (const slot of slots) {
      if (!queue.length) return;
      if (!slot.ready || slot.current) continue;
      const job = queue.shift() as Pending;
      slot.current = job;
      slot.worker.postMessage({ id: job.id, job: job.job });
      if (job.timeoutMs !== undefined) {
        const limit = job.timeoutMs;
        slot.timer = setTimeout(() => drop(slot, new JobTimeoutError(limit)), limit);
      }
    }
    const starting = [...slots].filter((s) => !s.ready).length;
    for (let n = Math.min(queue.length - starting, size - slots.size); n > 0; n--) spawn();
    // Workers hold the process open only while there is work: an idle pool must not keep a
    // finished command-line run (or a stopped bot) alive.
    for (const slot of slots) {
      if (slot.current || (queue.length && !slot.ready)) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  return {
    run(job, runOptions = {}) {
      if (closed) return Promise.reject(new Error("the worker pool is closed"));
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, job, timeoutMs: runOptions.timeoutMs, resolve, reject } as Pending);
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error("the worker pool is closed"));
      const all = [...slots];
      slots.clear();
      for (const slot of all) settle(slot)?.reject(new Error("the worker pool is closed"));
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
