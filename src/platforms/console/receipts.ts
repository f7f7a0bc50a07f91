import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The console's stand-in for a channel history: the nonces of digests printed, so a run resumed
 * after a crash (status "posting") can tell printed from not printed (ADR 0024). The receipt is
 * written, then the digest printed, in one synchronous step: a kill -9 can only land between the
 * two write(2) calls, and then that one digest is lost rather than printed twice (at most once).
 */
export interface PrintReceipts {
  printed(nonce: string): boolean;
  record(nonce: string): void;
}

/** Where the bot and `newsdesk digest --run-once` keep them. */
export const receiptsFile = (dataDir: string) => join(dataDir, "console-digests.log");

/**
 * Receipts in a file, one nonce a line, appended with one write(2) on a descriptor kept open. A
 * resumed run is at most hours old, so when the file holds more than 2 × `keep` lines it is cut to
 * the last `keep` on first use.
 */
export function fileReceipts(file: string, keep = 5000): PrintReceipts {
  let state: { seen: Set<string>; fd: number } | undefined;
  const open = () => {
    if (state) return state;
    const lines = existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
    mkdirSync(dirname(file), { recursive: true });
    if (lines.length > 2 * keep) writeFileSync(file, `${lines.slice(-keep).join("\n")}\n`);
    state = { seen: new Set(lines.slice(-keep)), fd: openSync(file, "a") };
    return state;
  };
  return {
    printed: (nonce) => open().seen.has(nonce),
    record(nonce) {
      const { seen, fd } = open();
      writeSync(fd, `${nonce}\n`);
      seen.add(nonce);
    },
  };
}

/**
 * Prints a digest once: resumed (`resumedSince`), only without a receipt for its nonce; without
 * receipts a resumed run counts as printed (at most once). Returns whether it printed.
 */
export function printOnce(
  write: (text: string) => void,
  text: () => string,
  context: { nonce: string; resumedSince?: string },
  receipts?: PrintReceipts,
): boolean {
  if (context.resumedSince && (!receipts || receipts.printed(context.nonce))) return false;
  const rendered = text();
  // Receipt first, print right after, nothing between: never twice, and lost only to a kill in
  // the instant between the two writes.
  receipts?.record(context.nonce);
  write(rendered);
  return true;
}
