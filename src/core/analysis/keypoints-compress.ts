/**
 * Light, faithful compression of a key-point sentence: only *removes* low-content material
 * (datelines, parentheticals, trailing attribution, a leading connective) so what remains is
 * still the article's own words in the article's order. Every rule is general news style,
 * and each one backs off when what would remain is too short to stand alone.
 */

/** "WASHINGTON (AP) —", "Rome (CNN)", "(CNN) --", "LONDON —" at the start of a sentence. */
const DATELINE_AGENCY =
  /^(?:[A-Z][\p{L}.' -]{0,40}?,?\s*)?\((?:CNN|AP|AFP|Reuters|UPI|Xinhua|[A-Z][A-Za-z]{1,11})\)\s*(?:--|—|–|-)?\s*/u;
const DATELINE_CAPS = /^[A-Z][A-Z.' -]{2,30}(?:,\s*[A-Z][\p{L}.' ]{1,20})?\s*(?:--|—|–)\s+/u;

/** Short parenthetical asides: "(pictured)", "(centre)", "(the England team)", "(SDF)". */
const PARENTHETICAL = /\s*\([^()\n]{1,80}\)(?=[\s,.;:!?'"]|$)/g;

/** Reporting verbs that end an attribution tail ("…, officials said.", "…, a study has found."). */
const REPORTING =
  "said|says|told|reported|reports|announced|found|revealed|claimed|claims|confirmed|added|explained|" +
  "insisted|insists|warned|wrote|noted|stated|believes|admitted|admits|suggested|suggests|reveals|announces|" +
  "confirms|concluded|argued|argues";

/**
 * What may follow the verb in an attribution tail: a recipient or a time/place adverbial, never a
 * clause of its own ("…, the court announced that it had deadlocked" is content).
 */
const ATTRIBUTION_SUFFIX =
  '(?: (?:to [^,;"]{1,30}|on \\w+(?: \\w+)?|last \\w+|this \\w+|yesterday|today|tonight|earlier|later|' +
  'recently|in a statement|in an interview|on Twitter|on Instagram|on Facebook|at [^,;"]{1,30}))*';

const TRAILING_ATTRIBUTION = new RegExp(
  `,\\s*(?:according to [^,;"]{2,80}|[^,;"]{2,70}?\\b(?:has |have |had |was |were )?` +
    `(?:(?:${REPORTING})${ATTRIBUTION_SUFFIX}|told [^,;"]{1,30}))\\s*([.!])\\s*$`,
  "u",
);

/** Leading discourse connectives that only make sense after the previous sentence. */
// Ambiguous ones ("Now that", "So far", "Still more") count only with their comma.
const LEADING_CONNECTIVE =
  /^(?:(?:But|And)\s+|(?:However|Meanwhile|Instead|Indeed),?\s+|(?:Still|Also|So|Yet|Now),\s+)(?=\S)/u;

/** Non-restrictive relative clauses between commas: ", who has played for the side since 2013,". */
const RELATIVE_CLAUSE = /,\s(?:who|which|whose)\s[^,;"()]{3,90}?,\s/gu;
/** A trailing participle clause: ", including …", ", citing …", ", meaning …" (not ", after …": often the news). */
const TRAILING_DETAIL =
  /,\s(?:including|citing|meaning|adding|saying|leaving|making|with)\s[^",;]{3,}?([.!])$/;
/** An aside between dashes: " -- alone -- ", " - a jacket and full skirt ensemble - ". */
const DASH_ASIDE = /\s(?:--|—|–|-)\s(?:(?!\s[-–—]{1,2}\s)[^"]){1,90}?\s(?:--|—|–|-)\s/g;

/** Sentences longer than this are cut at their first clause seam (highlights are short). */
const LONG_SENTENCE_WORDS = 30;
/** Where a second clause begins: ";", a spaced dash, ", but/while/which …", ", and he/they …" (not list commas). */
const CLAUSE_SEAM =
  /;\s|\s[-–—]{1,2}\s|,\s(?:but|while|although|though|which|where|and (?=(?:he|she|they|it|we) ))\s?/g;

/**
 * Keeps the first clause of a long sentence when it has at least 12 words and no open quotation:
 * a complete statement in the article's own words, minus the elaboration that follows.
 */
function cutLongSentence(s: string): string {
  if (wordCount(s) <= LONG_SENTENCE_WORDS) return s;
  CLAUSE_SEAM.lastIndex = 0;
  for (let m = CLAUSE_SEAM.exec(s); m; m = CLAUSE_SEAM.exec(s)) {
    const head = s.slice(0, m.index);
    if (wordCount(head) < 12) continue;
    // An odd number of double quotation marks: the cut would split a quotation.
    if ((head.match(/["“”]/g)?.length ?? 0) % 2 === 1) return s;
    // Dashes come in pairs around an aside: neither the opening one (another follows) nor the
    // closing one (an odd number precede) ends a clause.
    if ((head.match(/\s[-–—]{1,2}\s/g)?.length ?? 0) % 2 === 1) continue;
    if (/[-–—]/.test(m[0]) && /\s[-–—]{1,2}\s/.test(s.slice(m.index + m[0].length))) continue;
    return `${head}.`;
  }
  return s;
}

/**
 * The word after a removed aside must be the sentence's verb ("The coach, who …, was sacked"),
 * or the removal would glue two phrases together. Without a parser, only unambiguous verbs
 * count: auxiliaries, said/says/told, and -ed forms ("-s" could be a plural noun).
 */
const VERB_NEXT =
  /^(?:\p{Ll}+ed|is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|said|says|told|did|does)\b/u;

/**
 * Drops ", who …," / ", which …," asides and " — … — " dash asides when the verb follows them.
 * A clause ending on "to," / "of," was cut at an inner comma ("who owed his election to, as …"),
 * and one followed by a capitalised word is probably a place's comma ("… to Columbus, Ohio,"):
 * both are left alone.
 */
function dropAsides(s: string, pattern: RegExp): string {
  const t = s.replace(pattern, (match: string, ...groups: unknown[]) => {
    const offset = groups.find((g) => typeof g === "number") as number;
    if (/\s(?:to|of|in|on|at|for|with|by|from|as|and|or|the|a|an),\s$/.test(match)) return match;
    return VERB_NEXT.test(s.slice(offset + match.length)) ? " " : match;
  });
  return wordCount(t) >= 6 ? t : s;
}

/** Applies a removal only when at least `minWords` words remain, so a point never becomes a stub. */
function dropIfLongEnough(s: string, pattern: RegExp, replacement: string, minWords: number): string {
  const t = s.replace(pattern, replacement);
  return wordCount(t) >= minWords ? t : s;
}

function wordCount(s: string): number {
  const m = s.match(/\S+/g);
  return m ? m.length : 0;
}

function upperFirst(s: string): string {
  return s.length ? s[0].toUpperCase() + s.slice(1) : s;
}

/**
 * Attribution tails are dropped only from reported statements, not from direct quotes: `"…," he
 * said.` without its speaker would put words in nobody's mouth.
 */
function dropTrailingAttribution(s: string): string {
  const m = TRAILING_ATTRIBUTION.exec(s);
  if (!m) return s;
  const head = s.slice(0, m.index);
  if (/["'”’]\s*$/.test(head)) return s;
  // The tail must be a short attribution, not half the sentence.
  const tail = m[0];
  // ",'' an aide said": the comma belongs to a quotation that ends here.
  if (/^,\s*["'”’]/.test(tail)) return s;
  if (wordCount(tail) > 12 || wordCount(head) < 6) return s;
  // A tail with its own quoted words or digits is content, not attribution.
  if (/["\d]/.test(tail)) return s;
  return `${head}${m[1]}`;
}

/** Compresses one sentence for a key point; returns the input when no rule applies safely. */
export function compressSentence(sentence: string): string {
  let s = sentence.trim();
  const original = s;
  s = s.replace(DATELINE_AGENCY, "");
  s = s.replace(DATELINE_CAPS, "");
  const withoutParens = s.replace(PARENTHETICAL, "");
  if (wordCount(withoutParens) >= 5) s = withoutParens;
  s = dropIfLongEnough(s, TRAILING_DETAIL, "$1", 8);
  s = dropTrailingAttribution(s);
  s = dropAsides(s, RELATIVE_CLAUSE);
  s = dropAsides(s, DASH_ASIDE);
  s = cutLongSentence(s);
  // Not inside a quotation (a sentence with an odd number of quote marks starts or ends in one):
  // quoted words are never edited.
  const withoutConnective = s.replace(LEADING_CONNECTIVE, "");
  const quoted = (s.match(/"/g)?.length ?? 0) % 2 === 1 || /^["']/.test(withoutConnective);
  if (withoutConnective !== s && !quoted && wordCount(withoutConnective) >= 5) {
    s = upperFirst(withoutConnective);
  }
  s = s
    .replace(/\s{2,}/g, " ")
    .replace(/\s+([,.;:!?])/g, "$1")
    .trim();
  if (wordCount(s) < 4) return original;
  return upperFirst(s);
}
