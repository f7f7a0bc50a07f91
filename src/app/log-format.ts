import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Writable } from "node:stream";
import type { DestinationStream } from "pino";

const LEVELS: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};
/** Fields every line has, or that the line shows in its own place. */
const SKIP = new Set(["level", "time", "msg", "app", "pid", "hostname", "err"]);

function value(v: unknown): string {
  if (typeof v === "string") return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v) ?? String(v);
}

/**
 * One pino JSON line → `12:04:05.123 INFO  store opened store=sqlite location=/data/newsdesk.db`.
 * An `err` field adds its message (and, at debug level and below, its stack on the next lines).
 * Anything that is not a JSON object (never expected) passes through unchanged.
 */
export function formatLogLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json);
  } catch {
    return json.endsWith("\n") ? json : `${json}\n`;
  }
  const level = typeof entry.level === "number" ? (LEVELS[entry.level] ?? String(entry.level)) : "?";
  const time = typeof entry.time === "number" ? new Date(entry.time).toISOString().slice(11, 23) : "";
  const fields = Object.entries(entry)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k}=${value(v)}`);
  const err = entry.err as { message?: string; stack?: string } | string | undefined;
  if (typeof err === "string") fields.push(`err=${value(err)}`);
  else if (err?.message) fields.push(`err=${value(err.message)}`);
  const head = [time, level.padEnd(5), String(entry.msg ?? ""), ...fields].filter(Boolean).join(" ");
  const stack = typeof err === "object" && err?.stack && Number(entry.level) <= 20 ? `\n${err.stack}` : "";
  return `${head}${stack}\n`;
}

/** A pino destination that writes each line human-readable to `out` (a terminal, a log file). */
export function prettyDestination(out: Writable): DestinationStream {
  return { write: (line: string) => void out.write(formatLogLine(line)) };
}

export type LogFormat = "auto" | "json" | "pretty";

/**
 * Where the bot's logs go. JSON lines on stderr for machines (Docker, systemd, piped runs);
 * readable lines when a person watches a terminal; and in the interactive console, readable lines
 * appended to a file (`file`), because lines on stderr would break into the prompt being edited.
 */
export function logDestination(options: {
  format: LogFormat;
  stderr: NodeJS.WriteStream | Writable;
  /** Set for the interactive console: logs go there instead of the terminal. */
  file?: string;
}): DestinationStream | undefined {
  if (options.file) {
    mkdirSync(dirname(options.file), { recursive: true });
    const out = createWriteStream(options.file, { flags: "a" });
    return options.format === "json" ? out : prettyDestination(out);
  }
  const tty = (options.stderr as NodeJS.WriteStream).isTTY === true;
  if (options.format === "pretty" || (options.format === "auto" && tty))
    return prettyDestination(options.stderr);
  // JSON: pino's own synchronous destination on fd 2 (the default).
  return undefined;
}
