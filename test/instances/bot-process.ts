import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

const bin = new URL("../../bin/newsdesk.js", import.meta.url).pathname;

export interface BotProcess {
  name: string;
  child: ChildProcess;
  port: number;
  base: string;
  /** stderr (the JSON log lines and any start failure). */
  log: string[];
  exited: Promise<number | null>;
  /** Resolves when /readyz answers 200; rejects if the process exits first or `timeoutMs` passes. */
  ready(timeoutMs?: number): Promise<number>;
  kill(signal: NodeJS.Signals): void;
}

/** A free loopback port (bound and released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * A whole Newsdesk bot process — `node bin/newsdesk.js start`, what the Docker image runs — with
 * the given environment (tokens and API URLs pointing at the stand-ins) and its own PORT.
 */
export async function startBotProcess(
  name: string,
  env: Record<string, string>,
  /** Node flags, e.g. --cpu-prof to profile a storm. */
  nodeArgs: string[] = [],
): Promise<BotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, bin, "start"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const log: string[] = [];
  let buffer = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    log.push(...lines);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  return {
    name,
    child,
    port,
    base,
    log,
    exited,
    kill: (signal) => child.kill(signal),
    async ready(timeoutMs = 30_000) {
      let gone = false;
      void exited.then(() => {
        gone = true;
      });
      while (performance.now() - started < timeoutMs) {
        if (gone) throw new Error(`${name} exited before it was ready:\n${log.join("\n")}`);
        const ok = await fetch(`${base}/readyz`)
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) return performance.now() - started;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`${name} not ready after ${timeoutMs} ms:\n${log.join("\n")}`);
    },
  };
}

/** SIGTERM, then waits for the exit (SIGKILL after `graceMs`). */
export async function stopBotProcess(bot: BotProcess, graceMs = 15_000): Promise<void> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  bot.kill("SIGTERM");
  const timer = setTimeout(() => bot.kill("SIGKILL"), graceMs);
  await bot.exited;
  clearTimeout(timer);
}
