/**
 * The held-out protocol: every dev set is split once, the same way in every run, into a part that
 * rules may be tuned on and a part that is only looked at to decide whether a change is kept. A
 * change is kept only when the held-out part agrees (see docs/evaluation.md).
 *
 * - quotes-dev (PolNeAR): by outlet — the same outlet's house style is not independent evidence.
 * - qa-dev (SQuAD): by Wikipedia article — questions on one paragraph share their answers' context.
 * - extraction: by dataset (ScrapingHub for tuning; extract-web's datasets held out).
 */

export type Part = "tuned" | "held-out";

/** Four outlets to tune on; huff-post, politico and wash-post are held out. */
const TUNED_OUTLETS = new Set(["breitbart", "nyt", "usa-today", "west-journal"]);

/** `polnear/train/nyt_2016-…` → `nyt`. */
export function outletOf(id: string): string {
  return (id.split("/").pop() ?? id).split("_")[0] ?? id;
}

export function quotesPart(id: string): Part {
  return TUNED_OUTLETS.has(outletOf(id)) ? "tuned" : "held-out";
}

/** FNV-1a: a stable hash, so the article split does not depend on the file's order. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A SQuAD question's part, by its Wikipedia article's title. */
export function qaPart(title: string): Part {
  return fnv1a(title) % 2 === 0 ? "tuned" : "held-out";
}

/** `count / total` to three decimals, or "-" when there is nothing to divide. */
export const ratio = (count: number, total: number): string => (total ? (count / total).toFixed(3) : "-");
