/**
 * Word-level text handling shared by retrieval and quote matching: one normalisation (case,
 * curly quotes, accents), one tokeniser and a light stemmer, so that a question typed from memory
 * ("its looking tough") meets the article's words ("It's looking tough").
 */

/** Function words that carry no topic; kept out of retrieval terms (not out of quote matching). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a an the and or but nor so yet of to in on at by for with from into onto upon about as than then " +
    "that this these those there here it its it's is are was were be been being am do does did done " +
    "has have had having will would shall should can could may might must i me my mine we us our ours " +
    "you your yours he him his she her hers they them their theirs what which who whom whose when where " +
    "why how not no if also just only very too s t d ll m re ve one's all any some such each both other " +
    "more most own same out up down over under again further once because while during before after " +
    "above below between through off"
  ).split(" "),
);

/** Lower-cases and folds the characters people type differently: curly quotes, dashes, accents. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC`´]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .toLowerCase();
}

const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_SPLIT = /[^a-z0-9']+/;
const UNICODE_SPLIT = /[^\p{L}\p{N}']+/u;

/**
 * Words of a text, folded. Apostrophes inside a word are dropped ("it's" → "its") because people
 * type the contraction without one as often as with one. Plain ASCII text (most news) takes a
 * fast path: indexing a thousand stories must stay within milliseconds per story.
 */
export function words(text: string): string[] {
  const folded = NON_ASCII.test(text) ? foldText(text) : text.toLowerCase();
  const parts = folded.split(NON_ASCII.test(folded) ? UNICODE_SPLIT : ASCII_SPLIT);
  const out: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    const w = part.includes("'") ? part.replace(/'/g, "") : part;
    if (w) out.push(w);
  }
  return out;
}

/**
 * A light suffix stemmer (plural, -ing, -ed, -ly, -ies, -ment): enough to join "talks"/"talk",
 * "announced"/"announce", "pressured"/"pressure" without Porter's over-merging of unrelated words.
 */
export function stem(word: string): string {
  const known = stemCache.get(word);
  if (known !== undefined) return known;
  const result = stemUncached(word);
  // A bounded memo: the same few thousand words recur across stories and questions.
  if (stemCache.size > 100_000) stemCache.clear();
  stemCache.set(word, result);
  return result;
}

const stemCache = new Map<string, string>();

// Irregular verb forms, joined to one form: "won" meets "win", "built" meets "build".
const IRREGULAR: Record<string, string> = Object.fromEntries(
  (
    "won:win began:begin begun:begin built:build made:make held:hold led:lead became:become " +
    "left:leave met:meet paid:pay sold:sell bought:buy brought:bring taught:teach thought:think " +
    "fought:fight caught:catch sought:seek told:tell took:take taken:take gave:give given:give " +
    "wrote:write written:write went:go gone:go came:come saw:see seen:see found:find knew:know " +
    "known:know grew:grow grown:grow spoke:speak spoken:speak chose:choose chosen:choose fell:fall " +
    "fallen:fall rose:rise risen:rise ran:run struck:strike sent:send spent:spend lost:lose " +
    "kept:keep felt:feel heard:hear drove:drive driven:drive threw:throw thrown:throw " +
    "died:die dies:die dying:die"
  )
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);

function stemUncached(word: string): string {
  const irregular = IRREGULAR[word];
  // The base form goes through the same rules, so "made" and "make" both end as "mak".
  if (irregular) return stemUncached(irregular);
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith("ing")) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith("ied")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith("ed")) w = undouble(w.slice(0, -2));
  if (w.length > 5 && w.endsWith("ly")) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  const n = w.length;
  if (n > 3 && w[n - 1] === w[n - 2] && !"lsz".includes(w[n - 1]!)) return w.slice(0, -1);
  return w;
}

/** Content terms for retrieval: folded, stopwords out, stemmed. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (!STOPWORDS.has(w)) out.push(stem(w));
  return out;
}

// Rows reused across calls: the distance runs for many word pairs per question.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Damerau-Levenshtein distance capped at `max` (returns max + 1 when larger); for typo tolerance. */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (m + 1 > rowA.length) {
    rowA = new Int32Array(m + 1);
    rowB = new Int32Array(m + 1);
    rowC = new Int32Array(m + 1);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

// "US", "U.S.", "IT", "WHO": capitals that would fold into a function word ("us", "it", "who").
const ACRONYM = /(?<![\p{L}\d.])(?:(?:[A-Z]\.){2,3}|[A-Z]{2,3})(?![\p{L}\d])/gu;
// "United States": two or three capitalised words, whose initials may be written instead.
const CAPITALISED_RUN = /(?<![A-Za-z])[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,3}(?![A-Za-z])/g;

/**
 * The text with each acronym that folds into a stopword written as one word that is none ("US" →
 * "usx"), and that word added after a run of capitalised words it abbreviates ("United States" →
 * "United States usx"): "the US military" keeps "US" as a term, and meets "the United States".
 * Only for retrieval terms.
 */
export function keepAcronyms(text: string): string {
  let out = text;
  // Most sentences have neither two capitals in a row nor two capitalised words: skip the work.
  if (/[A-Z][A-Z.]/.test(out)) {
    out = out.replace(ACRONYM, (m) => {
      const joined = m.replace(/\./g, "").toLowerCase();
      return STOPWORDS.has(joined) ? `${joined}x` : m;
    });
  }
  if (!/[A-Z][a-z]+\s+[A-Z]/.test(out)) return out;
  return out.replace(CAPITALISED_RUN, (m) => {
    const parts = m.split(/\s+/);
    // "The United States": a capitalised function word opening the run is no part of the name.
    while (parts.length > 2 && STOPWORDS.has(parts[0]!.toLowerCase())) parts.shift();
    if (parts.length > 3) return m;
    const initials = parts
      .map((w) => w[0])
      .join("")
      .toLowerCase();
    return STOPWORDS.has(initials) ? `${m} ${initials}x` : m;
  });
}
