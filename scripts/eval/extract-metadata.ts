import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { EvalOutput } from "./extract-pages.js";

/**
 * Metadata figures where the sets give something to check against. Neither set has metadata
 * gold (ScrapingHub's ground truth is `articleBody` and `url`; extract-web's gold is the main
 * text), but extract-web's annotators kept the headline, and often the dateline and byline, in
 * the text: a title is counted right when it equals one of the gold's first five lines, a date
 * when the gold's text spells the same calendar day, an author when the gold's text names them.
 * These are agreement figures on the pages whose gold has such a line, not full accuracy.
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

const squash = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** Whether a text spells the calendar day of an ISO date (ISO, US numeric, or with a month name). */
export function spellsDate(text: string, iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [m[1], Number(m[2]), Number(m[3])];
  const mon = MONTHS[mo - 1];
  const patterns = [
    `${y}-${m[2]}-${m[3]}`,
    new RegExp(`\\b0?${mo}[/.-]0?${d}[/.-](${y}|${y.slice(2)})\\b`),
    new RegExp(`\\b${mon}[a-z]*\\.?\\s+0?${d}(st|nd|rd|th)?,?\\s+${y}\\b`, "i"),
    new RegExp(`\\b0?${d}(st|nd|rd|th)?\\s+${mon}[a-z]*\\.?,?\\s+${y}\\b`, "i"),
  ];
  return patterns.some((p) => (typeof p === "string" ? text.includes(p) : p.test(text)));
}

/** Any date at all in a text, in the same spellings. */
const ANY_DATE =
  /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}\b|\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b/i;

interface Tally {
  pages: number;
  titleRight: number;
  titleFound: number;
  dated: number;
  dateFound: number;
  dateRight: number;
  bylineFound: number;
  bylineInGold: number;
}

function tally(gold: Map<string, string>, out: Map<string, EvalOutput>): Tally {
  const t: Tally = {
    pages: 0,
    titleRight: 0,
    titleFound: 0,
    dated: 0,
    dateFound: 0,
    dateRight: 0,
    bylineFound: 0,
    bylineInGold: 0,
  };
  for (const [id, o] of out) {
    const g = gold.get(id);
    if (!g) continue;
    t.pages++;
    const head = g.split("\n").slice(0, 5).map(squash);
    if (o.title) {
      t.titleFound++;
      if (head.includes(squash(o.title))) t.titleRight++;
    }
    if (ANY_DATE.test(g)) {
      t.dated++;
      if (o.published) {
        t.dateFound++;
        if (spellsDate(g, o.published)) t.dateRight++;
      }
    }
    if (o.byline) {
      t.bylineFound++;
      const names = o.byline.split(/\s*(?:,|\band\b|&)\s*/i).filter((n) => n.length > 2);
      if (names.length && names.every((n) => squash(g).includes(squash(n)))) t.bylineInGold++;
    }
  }
  return t;
}

const r = (a: number, b: number) => (b ? (a / b).toFixed(3) : "-");

/** Printed lines for the metadata of extract-web, ours and Readability's title side by side. */
export function metadataLines(
  webDir: string,
  ours: Map<string, EvalOutput>,
  readability: Map<string, EvalOutput>,
): string[] {
  const gold = new Map<string, string>();
  for (const line of readFileSync(join(webDir, "gold.jsonl"), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const g = JSON.parse(line) as { id: string; text: string };
    gold.set(g.id, g.text);
  }
  const n = tally(gold, ours);
  const rb = tally(gold, readability);
  return [
    `metadata (extract-web, agreement with the gold text): title = a gold headline line ${r(n.titleRight, n.pages)} (Readability's title ${r(rb.titleRight, rb.pages)}; ${n.pages} pages)`,
    `metadata: date found on ${r(n.dateFound, n.dated)} of the ${n.dated} pages whose gold has a date, the same day as the gold's on ${r(n.dateRight, n.dateFound)} of those found`,
    `metadata: author found on ${r(n.bylineFound, n.pages)} of pages; named in the gold text on ${r(n.bylineInGold, n.bylineFound)} of those`,
  ];
}
