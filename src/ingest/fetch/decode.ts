import { createRequire } from "node:module";
import type iconvLite from "iconv-lite";

// Loaded on first use: reading a text file (`newsdesk summary notes.txt`) never needs it, and it
// costs ~10 ms of the command line's start-up. Synchronous, so decodeBody stays synchronous.
let loaded: typeof iconvLite | undefined;
const iconv = (): typeof iconvLite => {
  loaded ??= createRequire(import.meta.url)("iconv-lite") as typeof iconvLite;
  return loaded;
};

/**
 * Character set of an HTML/XML/text body, in the order the HTML standard gives them: a byte
 * order mark, then the Content-Type header, then a `<meta charset>` / `<?xml encoding?>` in the
 * first bytes; else UTF-8 when the bytes are valid UTF-8, else windows-1252 (what browsers
 * assume for legacy pages without a label).
 */
export function detectCharset(bytes: Uint8Array, contentType: string | undefined): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1];
  if (fromHeader && iconv().encodingExists(fromHeader)) return normaliseLabel(fromHeader);
  // Labels are ASCII: reading the head as latin1 finds them whatever the real encoding.
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  const fromMeta =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1];
  if (fromMeta && iconv().encodingExists(fromMeta)) return normaliseLabel(fromMeta);
  return isValidUtf8(bytes) ? "utf-8" : "windows-1252";
}

function normaliseLabel(label: string): string {
  const l = label.toLowerCase();
  // The HTML standard maps these labels to windows-1252: pages labelled latin1 use its extra characters.
  if (l === "iso-8859-1" || l === "latin1" || l === "us-ascii" || l === "ascii") return "windows-1252";
  // A page that says UTF-16 in a <meta> cannot be UTF-16 (the meta was readable as ASCII).
  if (l.startsWith("utf-16")) return "utf-8";
  return l;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes a body with its detected charset; a leading BOM is dropped. */
export function decodeBody(
  bytes: Uint8Array,
  contentType: string | undefined,
): { text: string; charset: string } {
  const charset = detectCharset(bytes, contentType);
  const text = iconv().decode(Buffer.from(bytes), charset, { stripBOM: true });
  return { text, charset };
}
