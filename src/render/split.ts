/**
 * The one splitting function every renderer uses: Discord (4096 per embed description, 2000 per
 * message content, 1024 per field), Slack (3000 per section) and anything else with a limit.
 * It cuts at the strongest boundary it can find in the second half of the window — paragraph,
 * line, sentence, word — and only then hard-cuts, never inside a grapheme cluster or surrogate
 * pair; no cut falls inside an escape sequence the escapers made (escape.ts `ESCAPE_UNIT`). No
 * chunk is ever longer than `max` and no character is lost except the whitespace at a cut.
 */
import { ESCAPE_UNIT } from "./escape.js";

const BOUNDARIES: RegExp[] = [/\n\s*\n/g, /\n/g, /[.!?…]["'”’)]*\s/g, /[;:,]\s/g, /\s/g];

export function splitText(text: string, max: number): string[] {
  if (!Number.isInteger(max) || max < 2) throw new RangeError(`split limit must be at least 2, got ${max}`);
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = findCut(rest, max);
    const head = rest.slice(0, cut).trimEnd();
    if (head) chunks.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) chunks.push(rest);
  return chunks;
}

/** Index to cut at: end of the last boundary that still fits, preferring strong boundaries. */
function findCut(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const floor = Math.floor(max / 2);
  for (const re of BOUNDARIES) {
    let best = -1;
    re.lastIndex = 0;
    for (let m = re.exec(window); m; m = re.exec(window)) {
      // Keep the punctuation with the left chunk; the whitespace after it is dropped.
      const end = m.index + m[0].trimEnd().length;
      if (end <= max && end >= floor) best = Math.max(best, end);
      if (m[0].length === 0) re.lastIndex++;
    }
    if (best > 0) return keepUnitsWhole(text, best);
  }
  return keepUnitsWhole(text, hardCut(text, max));
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * No boundary: cut at the last grapheme boundary that fits, so an emoji sequence (👨‍👩‍👧, a flag,
 * a letter with its accents) is never halved. A single cluster longer than the window (thousands
 * of stacked combining marks) is cut at a code point instead, never inside a surrogate pair.
 */
function hardCut(text: string, max: number): number {
  let cut = 0;
  // A little lookahead, so the cluster straddling `max` is seen whole.
  for (const { index } of graphemes.segment(text.slice(0, max + 16))) {
    if (index > max) break;
    cut = index;
  }
  if (cut > 0) return cut;
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/**
 * Moves a cut back to the start of an escape sequence it would fall inside (`\*`, `&amp;`, …):
 * half of one is either visible garbage or, worse, a bare markup character at the start of the
 * next message. Sequences are matched from the start, the way the platform reads them.
 */
function keepUnitsWhole(text: string, cut: number): number {
  const re = new RegExp(ESCAPE_UNIT.source, "g");
  for (let m = re.exec(text); m && m.index < cut; m = re.exec(text)) {
    const end = m.index + m[0].length;
    // Never back to 0: a limit smaller than one sequence still has to make progress.
    if (end > cut) return m.index > 0 ? m.index : cut;
  }
  return cut;
}

/**
 * Packs items (list lines) into as few chunks of at most `max` characters as possible, joined by
 * `separator`, keeping each item whole when it fits and splitting it with `splitText` otherwise.
 */
export function packItems(items: string[], max: number, separator = "\n"): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const item of items) {
    const pieces = item.length > max ? splitText(item, max) : [item];
    for (const piece of pieces) {
      if (!current) current = piece;
      else if (current.length + separator.length + piece.length <= max) current += separator + piece;
      else {
        chunks.push(current);
        current = piece;
      }
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Shortens to `max` characters with an ellipsis, for fields that cannot be split (titles). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 3) return text.slice(0, max);
  const cut = splitText(text, max - 1)[0] ?? "";
  return `${cut.slice(0, max - 1)}…`;
}
