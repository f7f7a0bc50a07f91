import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { formatBytes } from "../ingest/local-input.js";

/**
 * The `--jsonl` loop shared by every subcommand: one JSON object per input line, one per output
 * line, in input order, in one process. A bad line yields `{"id", "error"}` and the run goes on.
 */
export async function runJsonl(
  stdin: Readable,
  stdout: Writable,
  handle: (line: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>,
): Promise<number> {
  const rl = createInterface({ input: stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  for await (const raw of rl) {
    lineNo++;
    if (raw.trim() === "") continue;
    let id: unknown = null;
    let out: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new Error("each line must be a JSON object");
      }
      const obj = parsed as Record<string, unknown>;
      id = obj.id ?? null;
      out = { id, ...(await handle(obj)) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      out = { id, error: lineNo > 0 && id === null ? `line ${lineNo}: ${message}` : message };
    }
    if (!stdout.write(`${JSON.stringify(out)}\n`)) {
      await new Promise<void>((resolve) => stdout.once("drain", () => resolve()));
    }
  }
  return 0;
}

/** Reads a required string field of a JSONL object, with a clear error. */
export function stringField(obj: Record<string, unknown>, key: string, required = true): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (required) throw new Error(`missing "${key}"`);
    return undefined;
  }
  if (typeof v !== "string") throw new Error(`"${key}" must be a string`);
  return v;
}

/** A required string field of at most `maxBytes` (UTF-8), refused with the limit when larger. */
export function sizedField(obj: Record<string, unknown>, key: string, maxBytes: number): string {
  const value = stringField(obj, key) ?? "";
  if (Buffer.byteLength(value) > maxBytes)
    throw new Error(`${key} is larger than the limit of ${formatBytes(maxBytes)}`);
  return value;
}
