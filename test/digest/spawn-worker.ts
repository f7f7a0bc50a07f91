import { type ChildProcess, spawn } from "node:child_process";
import { parseSchedule } from "../../src/digest/schedule.js";
import type { Store } from "../../src/store/index.js";

const script = new URL("./worker-process.ts", import.meta.url).pathname;
const tsx = new URL("../../node_modules/tsx/dist/esm/index.mjs", import.meta.url).pathname;

export interface Worker {
  child: ChildProcess;
  lines: string[];
  waitFor(line: string): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts a real worker process (node + tsx; worker-process.ts unless `file` says) and collects its output lines. */
export function startWorker(env: Record<string, string>, file: string = script): Worker {
  const child = spawn(process.execPath, ["--import", tsx, file], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const waiters: { line: string; resolve: () => void }[] = [];
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    for (const l of parts) {
      lines.push(l);
      for (const w of waiters.filter((x) => l.startsWith(x.line))) w.resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitFor: (line) =>
      lines.some((l) => l.startsWith(line))
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            waiters.push({ line, resolve });
            exited.then(() => reject(new Error(`worker exited before "${line}": ${lines.join(" | ")}`)));
          }),
  };
}

/** A schedule whose slot is long past and whose next one is far away: exactly one slot is due. */
export async function dueOnce(store: Store, tenantId: string, channelId: string) {
  const p = parseSchedule("cron 0 0 1 1 *", "UTC");
  await store.schedules.set(tenantId, channelId, {
    spec: p.spec,
    timezone: "UTC",
    nextSlotAt: new Date("2020-01-01T00:00:00Z"),
  });
}
