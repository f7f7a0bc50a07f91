/**
 * Feed filters: which items a channel gets from a subscription, and why. Pure, no I/O.
 *
 * Syntax (no regular expressions, ever — a filter is data, not code a user can make slow):
 * - `include:` is a query. Terms separated by spaces must all match (AND); `OR` (in capitals)
 *   between terms means either (`climate OR energy`); `-word` or `-"a phrase"` must not match;
 *   `"quoted words"` is a phrase (the words next to each other). An item is kept when the query
 *   matches; no include keeps everything.
 * - `exclude:` is a list: an item matching any one of its words or phrases is dropped.
 * - a channel's mute list (`/digest mute`) works like an exclude on every subscription of the channel.
 * Matching is on whole words of the title, summary and text, ignoring case and accents
 * ("Café" = "cafe"): both sides are NFD-normalised, combining marks removed, lower-cased and split
 * on anything that is not a letter or digit. A compiled matcher builds one word set of the item
 * (linear in its length) and answers each word term with a set lookup and each phrase with one
 * substring search, so 50 terms on a long article stay well under a millisecond.
 */

/** At most this many terms per subscription (include and exclude together) or per mute list. */
export const MAX_FILTER_TERMS = 50;
/** The longest term (characters). */
export const MAX_TERM_LENGTH = 100;

export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FilterError";
  }
}

/** One word or phrase, already normalised to space-separated words. */
interface Term {
  /** As the user wrote it (for explanations). */
  label: string;
  words: string[];
}

/** include: AND of groups, each an OR of terms; `not` terms must all be absent. */
interface Query {
  groups: Term[][];
  not: Term[];
}

export interface FilterSpec {
  include?: string | null;
  exclude?: string | null;
  /** The channel's muted words and phrases. */
  mute?: readonly string[];
}

export interface ItemText {
  title?: string;
  summary?: string;
  text?: string;
}

export interface Decision {
  keep: boolean;
  /** "kept: matches 'climate'", "dropped: matches exclude 'sports'". */
  reason: string;
}

export interface CompiledFilter {
  /** True when the filter keeps everything (no include, no exclude, no mute). */
  readonly empty: boolean;
  decide(item: ItemText): Decision;
}

/** Lower case, accents removed; words of letters and digits only. */
export function normaliseWords(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Splits a filter into raw tokens: `"a phrase"`, `-"a phrase"`, `-word`, `word`, `OR`. */
function tokens(input: string): { text: string; negated: boolean; quoted: boolean }[] {
  const out: { text: string; negated: boolean; quoted: boolean }[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i]!)) i++;
    if (i >= input.length) break;
    let negated = false;
    if (input[i] === "-" && i + 1 < input.length && !/\s/.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    const quote = input[i] === '"' || input[i] === "“" ? (input[i] === "“" ? "”" : '"') : undefined;
    if (quote) {
      const end = input.indexOf(quote, i + 1);
      const stop = end < 0 ? input.length : end;
      out.push({ text: input.slice(i + 1, stop), negated, quoted: true });
      i = stop + 1;
    } else {
      let j = i;
      while (j < input.length && !/\s/.test(input[j]!)) j++;
      out.push({ text: input.slice(i, j), negated, quoted: false });
      i = j;
    }
  }
  return out;
}

function term(raw: string, quoted: boolean, negated: boolean): Term {
  if (raw.length > MAX_TERM_LENGTH)
    throw new FilterError(
      `"${raw.slice(0, 30)}…" is ${raw.length} characters long; a filter term may have at most ${MAX_TERM_LENGTH}`,
    );
  const words = normaliseWords(raw);
  if (!words.length) throw new FilterError(`"${raw}" has no letters or digits to match`);
  const shown = quoted ? `"${raw}"` : raw;
  return { label: negated ? `-${shown}` : shown, words };
}

/** Words meaning "no filter": `include:none`, `exclude:clear`. */
export function isClearWord(input: string | undefined | null): boolean {
  return !!input && /^(none|clear|off|-)$/i.test(input.trim());
}

function parseQuery(input: string): Query {
  const groups: Term[][] = [];
  const not: Term[] = [];
  let joinNext = false;
  for (const t of tokens(input)) {
    if (!t.quoted && !t.negated && t.text === "OR") {
      if (!groups.length || joinNext) throw new FilterError(`"OR" needs a term on each side (in "${input}")`);
      joinNext = true;
      continue;
    }
    const parsed = term(t.text, t.quoted, t.negated);
    if (t.negated) {
      if (joinNext) throw new FilterError(`"OR ${parsed.label}" cannot be read: put -word on its own`);
      not.push(parsed);
    } else if (joinNext) groups.at(-1)!.push(parsed);
    else groups.push([parsed]);
    joinNext = false;
  }
  if (joinNext) throw new FilterError(`"OR" needs a term on each side (in "${input}")`);
  return { groups, not };
}

function parseList(input: string): Term[] {
  return tokens(input)
    .filter((t) => t.quoted || t.negated || t.text !== "OR")
    .map((t) => term(t.text, t.quoted, false));
}

/** Checks a subscription's filter (and limits) without compiling it; throws FilterError. */
export function parseFilter(spec: FilterSpec): { include: Query; exclude: Term[]; mute: Term[] } {
  const include =
    spec.include && !isClearWord(spec.include) ? parseQuery(spec.include) : { groups: [], not: [] };
  const exclude = spec.exclude && !isClearWord(spec.exclude) ? parseList(spec.exclude) : [];
  const count = include.groups.flat().length + include.not.length + exclude.length;
  if (count > MAX_FILTER_TERMS)
    throw new FilterError(
      `the filter has ${count} terms; a subscription may have at most ${MAX_FILTER_TERMS} (include and exclude together)`,
    );
  const mute = (spec.mute ?? []).map((m) => term(m, /\s/.test(m.trim()), false));
  return { include, exclude, mute };
}

/** `/digest mute sports "transfer window"` → ["sports", "transfer window"]; checked against the limits. */
export function parseMuteTerms(input: string): string[] {
  const out = tokens(input).map((t) => {
    term(t.text, t.quoted, false);
    return t.text.trim();
  });
  return [...new Set(out)];
}

/** The words of an item, as a set (for word terms) and as one " a b c " string (for phrases). */
class ItemWords {
  readonly set: Set<string>;
  readonly joined: string;
  constructor(item: ItemText) {
    const words = normaliseWords(`${item.title ?? ""}\n${item.summary ?? ""}\n${item.text ?? ""}`);
    this.set = new Set(words);
    this.joined = ` ${words.join(" ")} `;
  }
  has(t: Term): boolean {
    if (t.words.length === 1) return this.set.has(t.words[0]!);
    // Every word present is a cheap pre-check before the one substring search.
    return t.words.every((w) => this.set.has(w)) && this.joined.includes(` ${t.words.join(" ")} `);
  }
}

const quoteLabel = (t: Term) => `'${t.label}'`;

/** Compiles a filter once into a matcher; throws FilterError on bad input or over a limit. */
export function compileFilter(spec: FilterSpec): CompiledFilter {
  const { include, exclude, mute } = parseFilter(spec);
  const empty = !include.groups.length && !include.not.length && !exclude.length && !mute.length;
  return {
    empty,
    decide(item) {
      if (empty) return { keep: true, reason: "kept: no filter" };
      const words = new ItemWords(item);
      const muted = mute.find((t) => words.has(t));
      if (muted) return { keep: false, reason: `dropped: muted ${quoteLabel(muted)} in this channel` };
      const excluded = exclude.find((t) => words.has(t));
      if (excluded) return { keep: false, reason: `dropped: matches exclude ${quoteLabel(excluded)}` };
      const notHit = include.not.find((t) => words.has(t));
      if (notHit) return { keep: false, reason: `dropped: matches ${quoteLabel(notHit)}` };
      const matched: Term[] = [];
      for (const group of include.groups) {
        const hit = group.find((t) => words.has(t));
        if (!hit)
          return { keep: false, reason: `dropped: does not match ${group.map(quoteLabel).join(" OR ")}` };
        matched.push(hit);
      }
      return {
        keep: true,
        reason: matched.length
          ? `kept: matches ${matched.map(quoteLabel).join(" and ")}`
          : "kept: matches no exclude",
      };
    },
  };
}

/** Compiled filters by their text, so each poll of each subscription does not compile again. */
const cache = new Map<string, CompiledFilter>();
const CACHE_LIMIT = 2000;

export function cachedFilter(spec: FilterSpec): CompiledFilter {
  const key = JSON.stringify([spec.include ?? "", spec.exclude ?? "", spec.mute ?? []]);
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compileFilter(spec);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, compiled);
  }
  return compiled;
}

/** `include:"climate OR energy" exclude:"sports"` as shown in /feeds and /digest show. */
export function describeFilter(spec: FilterSpec): string {
  const parts: string[] = [];
  if (spec.include) parts.push(`include: ${spec.include}`);
  if (spec.exclude) parts.push(`exclude: ${spec.exclude}`);
  return parts.join("; ");
}
