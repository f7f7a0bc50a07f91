import { readFileSync } from "node:fs";
import { join } from "node:path";
import { indexLineArticle } from "../../src/cli/jsonl-article.js";
import { loadConfig } from "../../src/config.js";
import { buildStoryIndex, type StoryIndex } from "../../src/core/qa/story-index.js";
import { whoSaid } from "../../src/core/qa/who-said.js";
import { prepareText } from "../../src/core/text/prepare.js";
import type { Quote } from "../../src/core/types.js";
import type { EvalContext, EvalSection } from "./types.js";

/**
 * Who-said on quotes-dev.jsonl. Probes come from gold direct quotes: a 4–8 word window, the same
 * window with one word dropped, and with one typo; absent probes are windows of other articles'
 * quotes (skipped when their words happen to occur in the article). The generator is seeded and
 * the seed printed, so the numbers are reproducible.
 */

interface GoldQuote {
  quote: string;
  speaker: string;
  type: string;
  speaker_aliases?: string[];
}
interface Article {
  id: string;
  text: string;
  quotes: GoldQuote[];
}

const SEED = 20261125;
const TARGET = 0.95;
const ABSENT_PER_ARTICLE = 3;

/** mulberry32: small, seedable, good enough for sampling probes. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lower-case alphanumeric words, as score_quotes.py tokenises quotes. */
export const toks = (s: string) =>
  (s ?? "")
    .toLowerCase()
    .replace(/\u2019/g, "'")
    .match(/[a-z0-9]+/g) ?? [];

/** Bag-of-words F1 of two token lists: score_quotes.py's quote-match measure. */
export function tokF1(a: string[], b: string[]): number {
  const cb = new Map<string, number>();
  for (const t of b) cb.set(t, (cb.get(t) ?? 0) + 1);
  let ov = 0;
  for (const t of a) {
    const n = cb.get(t) ?? 0;
    if (n > 0) {
      ov++;
      cb.set(t, n - 1);
    }
  }
  if (!ov) return 0;
  const p = ov / a.length;
  const r = ov / b.length;
  return (2 * p * r) / (p + r);
}

// Speaker comparison ported from ../shared/eval/score_quotes.py (same rules, same honorifics).
const HON = new Set(
  "mr mrs ms miss dr sen sens rep reps gov gen lt col adm sgt prof rev del president senator governor secretary former vice judge justice mayor speaker professor sir dame lord retired congressman congresswoman representative then jr sr ii iii the a an".split(
    " ",
  ),
);
const STOP = new Set(
  "the a an of for to and in at on with who is was his her their its s by from as that this".split(" "),
);
const PRON = new Set("he she they i we him her them it you his hers".split(" "));

function normName(s: string): string[] {
  let x = (s ?? "").replace(/\u2019/g, "'").replace(/'s\b/g, "");
  x = x.split(",")[0] ?? x;
  let t: string[] = x.match(/[A-Za-z0-9][A-Za-z0-9-]*/g) ?? [];
  const orig = t.filter((w) => !["the", "a", "an"].includes(w.toLowerCase()));
  while (t.length && HON.has(t[0]!.toLowerCase())) t = t.slice(1);
  if (!t.length) t = orig;
  return t.filter((w) => !["jr", "sr", "ii", "iii"].includes(w.toLowerCase()));
}
const looksLikeName = (w: string[]) => w.length >= 1 && w.length <= 4 && w.every((x) => /^[A-Z]/.test(x));

export function speakerMatches(pred: string | null, gold: string[]): boolean {
  if (!pred?.trim()) return false;
  const pw = normName(pred);
  if (!pw.length || (pw.length === 1 && PRON.has(pw[0]!.toLowerCase()))) return false;
  const pl = pw.map((w) => w.toLowerCase());
  for (const g of gold) {
    const gw = normName(g);
    if (!gw.length) continue;
    const gl = gw.map((w) => w.toLowerCase());
    if (pl.join(" ") === gl.join(" ")) return true;
    if (
      looksLikeName(pw) &&
      pw.length >= 2 &&
      gw.length > pw.length &&
      gl.slice(-pl.length).join(" ") === pl.join(" ")
    )
      return true;
    if (looksLikeName(pw) && looksLikeName(gw)) {
      if (pl[pl.length - 1] === gl[gl.length - 1]) {
        if (pl.length === 1 || gl.length === 1) return true;
        const a = pl[0]!;
        const b = gl[0]!;
        if (a === b || (a[0] === b[0] && (a.length === 1 || b.length === 1))) return true;
      }
      continue;
    }
    const cp = new Set(pl.filter((w) => !STOP.has(w)));
    const cg = new Set(gl.filter((w) => !STOP.has(w)));
    const inter = [...cp].filter((w) => cg.has(w)).length;
    const union = new Set([...cp, ...cg]).size;
    if (cp.size && cg.size && inter / union >= 0.5) return true;
  }
  return false;
}

/** Raw word tokens of a quote (original spelling), for building probes people would type. */
const rawWords = (s: string) => s.match(/[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu) ?? [];

function windowOf(ws: string[], rand: () => number): string[] {
  const len = Math.min(ws.length, 4 + Math.floor(rand() * 5));
  const start = Math.floor(rand() * (ws.length - len + 1));
  return ws.slice(start, start + len);
}

function withTypo(ws: string[], rand: () => number): string[] {
  const long = ws.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 4);
  if (!long.length) return ws;
  const [w, i] = long[Math.floor(rand() * long.length)]!;
  const p = 1 + Math.floor(rand() * (w.length - 2));
  const kind = Math.floor(rand() * 3);
  const letter = "abcdefghijklmnopqrstuvwxyz"[Math.floor(rand() * 26)]!;
  const typo =
    kind === 0
      ? w.slice(0, p) + w.slice(p + 1) // deletion
      : kind === 1
        ? w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2) // transposition
        : w.slice(0, p) + letter + w.slice(p + 1); // substitution
  return ws.map((x, j) => (j === i ? typo : x));
}

interface Counts {
  probes: number;
  right: number;
}

function evaluate(articles: Article[], indexOf: (a: Article) => StoryIndex, seed: number, ctx: EvalContext) {
  const rand = rng(seed);
  const kinds: Record<string, Counts> = {
    window: { probes: 0, right: 0 },
    dropped: { probes: 0, right: 0 },
    typo: { probes: 0, right: 0 },
  };
  let gold = 0;
  let attributed = 0;
  let absent = 0;
  let absentRight = 0;
  let absentSkipped = 0;
  const allDirect = articles.flatMap((a) =>
    a.quotes.filter((q) => q.type === "direct" && rawWords(q.quote).length >= 4),
  );
  for (const a of articles) {
    const index = indexOf(a);
    for (const g of a.quotes) {
      const ws = rawWords(g.quote);
      if (g.type !== "direct" || ws.length < 4) continue;
      gold++;
      const names = [g.speaker, ...(g.speaker_aliases ?? [])];
      const engine = index.quotes.find(
        (q) => tokF1(toks(q.quote), toks(g.quote)) >= 0.5 && speakerMatches(q.speaker, names),
      );
      if (!engine) continue;
      attributed++;
      const win = windowOf(ws, rand);
      const drop = Math.floor(rand() * win.length);
      const dropped = win.filter((_, i) => i !== drop);
      const probes: [string, string[]][] = [
        ["window", win],
        ["dropped", dropped],
        ["typo", withTypo(win, rand)],
      ];
      for (const [kind, words] of probes) {
        const top = whoSaid(index, words.join(" ")).matches[0];
        kinds[kind]!.probes++;
        if (top && speakerMatches(top.speaker, names)) kinds[kind]!.right++;
      }
    }
    // Three absent probes per article: windows of other articles' quotes.
    for (let k = 0; k < ABSENT_PER_ARTICLE; k++) {
      const other = allDirect[Math.floor(rand() * allDirect.length)];
      if (!other || a.quotes.includes(other)) continue;
      const probe = windowOf(rawWords(other.quote), rand).join(" ");
      if (toks(a.text).join(" ").includes(toks(probe).join(" "))) {
        absentSkipped++;
        continue;
      }
      absent++;
      if (whoSaid(index, probe).matches.length === 0) absentRight++;
    }
  }
  const right = Object.values(kinds).reduce((s, k) => s + k.right, 0);
  const probes = Object.values(kinds).reduce((s, k) => s + k.probes, 0);
  const present = probes ? right / probes : 0;
  const none = absent ? absentRight / absent : 0;
  ctx.log(`  gold direct quotes (≥ 4 words): ${gold}; attributed correctly by the engine: ${attributed}`);
  ctx.log(
    `  top-1 speaker right: ${present.toFixed(3)} of ${probes} probes (target ≥ ${TARGET}) ${present >= TARGET ? "OK" : "BELOW TARGET"} — ${Object.entries(
      kinds,
    )
      .map(([k, c]) => `${k} ${(c.probes ? c.right / c.probes : 0).toFixed(3)}`)
      .join(", ")}`,
  );
  ctx.log(
    `  absent probes answered "no match": ${none.toFixed(3)} of ${absent} (target ≥ ${TARGET}) ${none >= TARGET ? "OK" : "BELOW TARGET"}; ${absentSkipped} skipped (their words occur in the article)`,
  );
}

export const whoEval: EvalSection = {
  name: "who (who-said probes, quotes-dev)",
  async run(ctx: EvalContext) {
    const lines = readFileSync(join(ctx.evalDir, "quotes-dev.jsonl"), "utf8").split("\n").filter(Boolean);
    const articles = lines.map((l) => JSON.parse(l) as Article).slice(0, ctx.limit ?? lines.length);
    ctx.log(`articles: ${articles.length}; probe generator seed: ${SEED}`);
    ctx.log("engine quotes (sentences, entities, quotes with speakers), the end-to-end figure:");
    const started = performance.now();
    // The index `newsdesk who --jsonl` builds for a line {"id","text"}, built once per article
    // here rather than once per probe (whoSaid on it is the rest of what the command does).
    const maxBytes = loadConfig({}).MAX_TEXT_BYTES;
    evaluate(articles, (a) => indexLineArticle({ id: a.id, text: a.text }, maxBytes), SEED, ctx);
    ctx.log(
      `  time: ${((performance.now() - started) / articles.length).toFixed(1)} ms per article (brief + index + probes)`,
    );
    ctx.log("gold quotes indexed (the matcher alone, same probes):");
    evaluate(
      articles,
      (a) => buildStoryIndex(a.id, prepareText(a.text), { quotes: goldAsQuotes(a) }),
      SEED,
      ctx,
    );
  },
};

/** Gold quotes as if the engine had found them exactly: isolates the matcher from attribution. */
function goldAsQuotes(a: Article): Quote[] {
  const prepared = prepareText(a.text);
  return a.quotes.map((g) => {
    const at = prepared.text.indexOf(g.quote.replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"'));
    const sentence = at >= 0 ? (prepared.sentences.find((s) => s.end > at)?.id ?? 0) : 0;
    return {
      quote: g.quote,
      speaker: g.speaker,
      sentence,
      start: Math.max(0, at),
      end: Math.max(0, at) + g.quote.length,
    };
  });
}
