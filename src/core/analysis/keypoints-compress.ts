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

const TRAILING_ATTRIBUTION = new RegExp(
  `,\\s*(?:according to [^,;"]{2,80}|[^,;"]{2,70}?\\b(?:has |have |had |was |were )?(?:${REPORTING})` +
    `(?: [^,;"]{1,40})?)\\s*([.!])\\s*$`,
  "u",
);

/** Leading discourse connectives that only make sense after the previous sentence. */
const LEADING_CONNECTIVE = /^(?:But|And|However|Meanwhile|Still|Also|So|Yet|Instead|Indeed|Now),?\s+(?=\S)/u;

/** Non-restrictive relative clauses between commas: ", who has played for the side since 2013,". */
const RELATIVE_CLAUSE = /,\s(?:who|which|whose)\s[^,;"()]{3,90},\s/g;
/** A trailing participle or circumstance clause: ", including …", ", citing …", ", meaning …". */
const TRAILING_DETAIL =
  /,\s(?:including|citing|meaning|adding|saying|leaving|making|following|as|while|despite|after|before|with)\s[^"]{3,}?([.!])$/;
/** An aside between dashes: " -- alone -- ", " - a jacket and full skirt ensemble - ". */
const DASH_ASIDE = /\s(?:--|—|–|-)\s[^-—–"]{1,70}?\s(?:--|—|–|-)\s/g;

/** Sentences longer than this are cut at their first clause seam (highlights are short). */
const LONG_SENTENCE_WORDS = 30;
/** Where a second clause begins: a semicolon, a spaced dash, or ", but/and/while/which …". */
const CLAUSE_SEAM = /;\s|\s[-–—]{1,2}\s|,\s(?:but|and|while|as|although|though|which|where)\s/g;

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
    return `${head}.`;
  }
  return s;
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
  s = dropTrailingAttribution(s);
  s = dropIfLongEnough(s, RELATIVE_CLAUSE, " ", 6);
  s = dropIfLongEnough(s, TRAILING_DETAIL, "$1", 8);
  s = dropIfLongEnough(s, DASH_ASIDE, " ", 6);
  s = cutLongSentence(s);
  const withoutConnective = s.replace(LEADING_CONNECTIVE, "");
  if (withoutConnective !== s && wordCount(withoutConnective) >= 5) s = upperFirst(withoutConnective);
  s = s
    .replace(/\s{2,}/g, " ")
    .replace(/\s+([,.;:!?])/g, "$1")
    .trim();
  if (wordCount(s) < 4) return original;
  return upperFirst(s);
}
