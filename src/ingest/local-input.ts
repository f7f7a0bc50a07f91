import { readFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { classifyInput, type InputClass } from "./classify-input.js";
import { decodeBody } from "./fetch/decode.js";
import { formatBytes } from "./fetch/errors.js";
import { LocalInputError } from "./local-input-error.js";

/**
 * Reading a local file or stdin as an article: shared by the CLI and the console's /add, so both
 * refuse the same inputs with the same words.
 */

/** Reads all of a stream as bytes, refusing more than `maxBytes` (with the limit in the message). */
export async function readStreamBytes(stream: Readable, maxBytes: number, what = "input"): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (total > maxBytes)
      throw new LocalInputError(`${what} is larger than the limit of ${formatBytes(maxBytes)}`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

// The fetcher's, so a limit reads the same in a fetch error and an input error.
export { formatBytes, LocalInputError };

/**
 * Decodes bytes that should be text. Refuses binary content (NUL bytes, many control characters
 * or invalid UTF-8) with a clear message instead of summarising garbage.
 */
export function decodeText(bytes: Buffer, what = "input"): string {
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) {
    if (b === 0) throw new LocalInputError(`${what} looks like a binary file, not text`);
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.02) {
    throw new LocalInputError(`${what} looks like a binary file, not text`);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (text.length > 0 && bad / text.length > 0.02) {
    throw new LocalInputError(`${what} is not valid UTF-8 text (is it a binary file?)`);
  }
  return text;
}

/** Reads a file path or `-` (stdin) as bytes, refusing more than `maxBytes`, missing files and directories. */
export async function readSourceBytes(source: string, stdin: Readable, maxBytes: number): Promise<Buffer> {
  if (source === "-") return readStreamBytes(stdin, maxBytes, "standard input");
  let bytes: Buffer;
  try {
    bytes = await readFile(source);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new LocalInputError(`no such file: ${source}`);
    if (code === "EISDIR") throw new LocalInputError(`${source} is a directory, not an article file`);
    throw new LocalInputError(`cannot read ${source}: ${(err as Error).message}`);
  }
  if (bytes.length > maxBytes) {
    throw new LocalInputError(`${source} is larger than the limit of ${formatBytes(maxBytes)}`);
  }
  return bytes;
}

/** Reads a file path or `-` (stdin) as text, within the size limit. */
export async function readTextSource(source: string, stdin: Readable, maxBytes: number): Promise<string> {
  const bytes = await readSourceBytes(source, stdin, maxBytes);
  return decodeText(bytes, source === "-" ? "standard input" : source);
}

/**
 * What the bytes of a file or of stdin are (classifyInput): a saved web page or feed is decoded
 * by its own charset (a <meta charset> or BOM, as a browser would), anything else as UTF-8 text,
 * binary refused. `what` names the input in errors.
 */
export function classifyBytes(bytes: Buffer, what: string): InputClass {
  // Markup is ASCII at its start whatever the encoding: latin1 reads the head without failing.
  const head = classifyInput(bytes.subarray(0, 8192).toString("latin1"));
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (head.kind === "html" || head.kind === "feed" || utf16) {
    if (!utf16 && bytes.subarray(0, 1024).includes(0))
      throw new LocalInputError(`${what} looks like a binary file, not text`);
    return classifyInput(decodeBody(bytes, undefined).text);
  }
  return classifyInput(decodeText(bytes, what));
}
