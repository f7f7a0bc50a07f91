import {
  APPOSITIVE_OPENER,
  BARE_NAME,
  DETERMINERS,
  mainClauseSubject,
  NOT_APPOSITIVE,
  nameBeforeAppositive,
  PARTY_TAG,
  plausibleSpeaker,
  type SpeakerPhrase,
} from "./clause-subject.js";
import { NOT_NAMES, PERSON_PRONOUNS, PLACES, ROLE_NOUNS, SPEECH_VERBS, TITLES } from "./lexicon.js";

export { mainClauseSubject, type SpeakerPhrase };

// Finding the phrase that names a quote's speaker next to the quotation marks:
// `"…," X said` / `"…," said X` / `X said: "…"` / `X told Y that "…"` / `According to X, "…"`.
// Returns the raw phrase; resolving it to a person or description is attribution.ts's job.

// "As Breitbart News reported, …": the source named, not the subject of the lead-in, is quoted.
const SOURCE_CLAUSE = /\b[Aa]s\s+[^,]{1,60}\s+(?:reported|said|wrote|noted|explained|put it)\b/;
// Words keep inner periods ("U.S.") and apostrophes but not a sentence-final period.
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}'-]|\.(?=[\p{L}\p{N}]))*/gu;
// Words that end a noun phrase read after a verb ("said Paul Ryan in a statement").
const NP_STOP = new Set(
  "of in at on to during when after before who which that as while with from for about by via told said and but or because if than though although since was were is are has have had would will could".split(
    " ",
  ),
);
// Adverbs and auxiliaries that may sit between a subject and its speech verb (lowercase: "Kelly",
// "Connolly" and "Daly" are names).
const BETWEEN =
  /^(?:\p{Ll}+ly|also|however|though|meanwhile|instead|too|nevertheless|himself|herself|later|then|once|previously|again|still|has|have|had|would|will|later|had|recently|often|repeatedly|already|simply|just|flatly|finally|first|last|not|never)$/u;
// Words that show a clause rather than a noun phrase in front of a speech verb.
const CLAUSE_WORDS =
  / (by|that|has|have|had|was|were|is|are|then|when|to|in|on|at|after|before|while|followed|went) /;

// Right after a closing mark these are verbs, not the nouns they can also be ("…," the statement read).
const VERBS_AFTER_QUOTE = new Set(
  "read reads claims states notes reports posts tweets remarks jokes quips replies stresses vows urges promises counters charges calls".split(
    " ",
  ),
);

function isSpeechVerbAfterQuote(word: string): boolean {
  return SPEECH_VERBS.has(word) || VERBS_AFTER_QUOTE.has(word);
}

/** Speech verbs are written in lowercase ("State of the Union" is not a verb). */
export function isSpeechVerb(word: string): boolean {
  return SPEECH_VERBS.has(word);
}

/** Right of the closing mark: `, X said` or `, said X`. `rest` is the text up to the sentence end. */
export function phraseAfterQuote(rest: string, offset: number): SpeakerPhrase | null {
  const lead = rest.match(/^[\s,\u2014-]*/)?.[0].length ?? 0;
  const s = rest.slice(lead);
  const words = [...s.matchAll(WORD)];
  if (words.length === 0) return null;
  // Verb first: `said House Speaker Paul Ryan in a statement`.
  let k = 0;
  while (k < words.length && BETWEEN.test(words[k][0]) && !isSpeechVerbAfterQuote(words[k][0])) k++;
  // (A participle opens a clause, not an inversion: `"…," saying the city embodied …`.)
  if (k < words.length && isSpeechVerbAfterQuote(words[k][0]) && k <= 1 && !words[k][0].endsWith("ing")) {
    const np = nounPhraseAfter(s, words, k + 1);
    if (np) return { phrase: np.text, at: offset + lead + np.at, side: "right" };
    return null;
  }
  const according = s.match(/^according to ([^,.;:]{2,80})/i);
  if (according) return { phrase: according[1], at: offset + lead + 13, side: "right" };
  // Subject first: `White House spokesman John Kirby said flatly`, `Smith, the group's director, said`.
  // A long appositive may sit between name and verb ("Trump, the 2016 GOP frontrunner …, said").
  const scan = /^[^,]{1,60},/.test(s) ? 40 : 16;
  for (let i = 1; i < Math.min(words.length, scan); i++) {
    if (!isSpeechVerbAfterQuote(words[i][0])) continue;
    // "Rep. Nancy Pelosi (D-Calif.)", "Rep. Nancy Pelosi, D-Calif.,": party tags are not the name.
    const np = s
      .slice(0, words[i].index)
      .replace(/\s*\([^()]{0,40}\)/g, "")
      .replace(/,\s*[RDI]-\p{Lu}[\p{L}.]{0,12}(?=,|\s*$)/gu, "")
      .replace(/[\s,]+$/, "");
    // The subject before any appositive comma holds no clause words ("She followed that by saying").
    if (CLAUSE_WORDS.test(` ${trimTrailingAdverbs(np.split(",")[0])} `)) return null;
    const npWords = np.split(/\s+/).filter((w) => !BETWEEN.test(w) || /^\p{Lu}/u.test(w));
    const clean = trimTrailingAdverbs(np);
    if (
      !clean ||
      /[.;:!?"]/.test(
        clean
          .replace(/\b[A-Z]\./g, "")
          .replace(/\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|Rev|Prof)\./g, ""),
      )
    )
      return null;
    if (npWords.length > 14) {
      // `"…," Trump, the 2016 GOP frontrunner nationally and current polling leader …, said`.
      const head = clean.split(",")[0].trim();
      const rest = clean.slice(clean.indexOf(",") + 1).trim();
      if (
        clean.includes(",") &&
        BARE_NAME.test(head) &&
        APPOSITIVE_OPENER.test(rest) &&
        !NOT_APPOSITIVE.test(rest)
      )
        return { phrase: head, at: offset + lead, side: "right" };
      return null;
    }
    if (!plausibleSpeaker(clean)) return null;
    return { phrase: clean, at: offset + lead, side: "right" };
  }
  return null;
}

/** Left of the opening mark, within its sentence: `X said: "`, `X told CNN that "`, `Name: "`. */
export function phraseBeforeQuote(
  before: string,
  offset: number,
  /** The sentence from its start, when `before` was cut after an earlier quote in it. */
  sentence: { text: string; at: number } = { text: before, at: offset },
): SpeakerPhrase | null {
  const s = before.replace(/[\s]+$/, "");
  const main = () => mainClauseSubject(sentence.text, sentence.at);
  const according = s.match(/according to ([^,.;:"]{2,80})[,:]?$/i);
  if (according) return { phrase: according[1], at: offset + (according.index ?? 0) + 13, side: "left" };
  // `When Trump suggested …, Rubio fired back forcefully: "` — a colon lead-in with no speech verb of
  // its own: its subject speaks, not the subject of an earlier speech verb.
  const lastComma = s.lastIndexOf(", ");
  // (Unless a source clause names who is quoted: "As Breitbart News reported, …:".)
  if (/:$/.test(s) && lastComma > 0 && !SOURCE_CLAUSE.test(s)) {
    const tail = s.slice(lastComma + 2);
    if (![...tail.matchAll(WORD)].some((m) => isSpeechVerb(m[0]))) {
      const subject = mainClauseSubject(tail, offset + lastComma + 2);
      if (subject) return { ...subject, side: "left" };
    }
  }
  const words = [...s.matchAll(WORD)];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i][0];
    if (!isSpeechVerb(w)) continue;
    if (/^(call|calls|called|describe|describes|described)$/i.test(w)) {
      // "called it …" / "described him as …" — speech only with an object.
      const after = s.slice((words[i].index ?? 0) + w.length, (words[i].index ?? 0) + w.length + 20);
      if (!/^\s+(it|them|him|her|this|that|these|those|his \w+|their \w+|its \w+|the \w+)\b/i.test(after))
        continue;
    }
    // Verb-first inside the left context: `said Paul Ryan: "`.
    const after = s.slice((words[i].index ?? 0) + w.length);
    // Only with no subject in front ("Osuna told The Huffington Post:" names the listener).
    const head = s.slice(0, words[i].index).trimEnd();
    if (
      /^\s+\p{Lu}/u.test(after) &&
      (/:$/.test(s) ||
        (/,$/.test(s) && /^(?:(?:and|but|so|yet)\s*,?)?$/i.test(head.replace(/[,;:"”—]$/, "")))) &&
      (head === "" || /[,;:"”—]$/.test(head) || /^(?:and|but|so|yet)$/i.test(head))
    ) {
      const np = nounPhraseAfter(after, [...after.matchAll(WORD)], 0);
      if (np) return { phrase: np.text, at: offset + (words[i].index ?? 0) + w.length + np.at, side: "left" };
    }
    // "…, saying: " / "prompted X to state, " — the speaker is the subject of the main clause.
    // "…, saying: " / "prompted X to state, " / "… and added, " — the main clause's subject speaks.
    const prevWord = i > 0 ? words[i - 1][0] : "";
    if (/ing$/.test(w) || prevWord === "to" || prevWord === "and") {
      // "Cruz said, adding: " — an earlier finite speech verb in the same clause names the speaker.
      for (let j = i - 1; j >= 0; j--) {
        const v = words[j][0];
        if (!isSpeechVerb(v) || /ing$/.test(v)) continue;
        const subject = subjectBefore(s.slice(0, words[j].index));
        if (subject) return { phrase: subject.text, at: offset + subject.at, side: "left" };
        break;
      }
      return main();
    }
    const subject = subjectBefore(s.slice(0, words[i].index));
    if (subject) return { phrase: subject.text, at: offset + subject.at, side: "left" };
    return main();
  }
  // `Clinton's response was: "` — the owner of the words.
  const owner = s.match(
    /(\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3})['’]s?\s+(?:(?:response|reply|answer|message|words|retort|reaction|statement)\s+(?:was|were|is|read|reads):?|(?:[\p{L}-]+\s+)?(?:post|statement|tweet|letter|email|op-ed|speech|remarks|memo|release|message):)$/u,
  );
  if (owner) {
    // "From Bush's post": sentence openers before the owner are not part of the name.
    const ownerWords = owner[1].split(/\s+/);
    while (ownerWords.length > 1 && NOT_NAMES.has(ownerWords[0])) ownerWords.shift();
    const name = ownerWords.join(" ");
    return { phrase: name, at: offset + (owner.index ?? 0) + owner[1].length - name.length, side: "left" };
  }
  // `As Vulture put it, "` — the one who put it so.
  const putIt = s.match(
    /\b[Aa]s\s+((?:the\s+)?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})(?:,[^,]{1,60},)?\s+(?:put|puts|has put|once put)\s+it[,:]?$/u,
  );
  if (putIt) return { phrase: putIt[1], at: offset + (putIt.index ?? 0) + 3, side: "left" };
  // `Carl Bialik: "` — a name (or description) and a colon.
  // (Only as a clause of its own — "Pollsters agree - Carl Bialik:" — not "a message to Trump:".)
  const colon = s.match(/(?:^|[\s\u2014-])((?:\p{Lu}[\p{L}'.-]*\s?){1,5}):$/u);
  const lead = colon ? s.slice(0, colon.index).trim() : "";
  const leadWord = lead.split(/\s+/).pop() ?? "";
  if (
    colon &&
    (lead === "" || /[-\u2013\u2014.!?]$/.test(lead) || leadWord === "and" || ROLE_NOUNS.has(leadWord))
  )
    return { phrase: colon[1].trim(), at: offset + (colon.index ?? 0), side: "left" };
  return null;
}

/** The subject noun phrase that ends `s` (before a speech verb), skipping an appositive ", …,". */
export function subjectBefore(s: string, nested = false): { text: string; at: number } | null {
  let end = s.replace(/\s+$/, "").length;
  let t = s.slice(0, end);
  // Adverbs/auxiliaries right before the verb.
  for (;;) {
    const m = t.match(/(\s|^)([\p{L}]+)$/u);
    if (m && BETWEEN.test(m[2]) && !/^\p{Lu}/u.test(m[2])) {
      end -= m[2].length;
      t = t.slice(0, end).replace(/\s+$/, "");
      end = t.length;
    } else break;
  }
  // Party labels and other parentheticals: "Gov. John Kasich (R-OH)".
  t = t.replace(/\s*\([^()]{0,40}\)/g, "");
  // Appositive: "Biden, preparing to board Air Force One," → "Biden"; but in "…, Gov. John Kasich,"
  // the name is the part between the commas.
  const between = t.endsWith(",") ? t.slice(t.lastIndexOf(",", t.length - 2) + 1, -1).trim() : "";
  const placeOnly = between.split(/\s+/).every((w) => PLACES.has(w));
  const named =
    BARE_NAME.test(between) && !PARTY_TAG.test(between) && !placeOnly ? null : nameBeforeAppositive(t);
  if (named !== null) t = named;
  else if (t.endsWith(",")) {
    const inner = t.slice(0, -1);
    const comma = inner.lastIndexOf(",");
    const between = comma > 0 ? inner.slice(comma + 1).trim() : "";
    if (between && /^(?:\p{Lu}[\p{L}'’.-]*\s*){1,5}$/u.test(between)) t = between;
    else if (comma > 0 && inner.length - comma < 90) t = inner.slice(0, comma);
    else t = inner;
  }
  const words = [...t.matchAll(WORD)];
  if (words.length === 0) return null;
  const last = words[words.length - 1][0];
  if (PERSON_PRONOUNS.has(last) || /^(I|we|We|you|it|It)$/.test(last)) {
    return { text: last, at: words[words.length - 1].index ?? 0 };
  }
  // Walk back over the noun phrase: capitalised words, lowercase modifiers, up to a determiner.
  let i = words.length - 1;
  let start = i;
  let sawCapital = /^\p{Lu}/u.test(last);
  while (i >= 0 && words.length - i <= 10) {
    const w = words[i][0];
    const gap = i < words.length - 1 ? t.slice((words[i].index ?? 0) + w.length, words[i + 1].index) : "";
    if (i < words.length - 1 && /[,;:()"]/.test(gap)) break;
    // "Tom Hale of Ohio", "Secretary of State Antony Blinken", "Chairman of the Joint Chiefs Mark
    // Milley": an "of" between capitalised words is inside the subject.
    if (sawCapital && i > 0 && /^\p{Lu}/u.test(words[i + 1]?.[0] ?? "") && ofBetweenCapitals(words, i)) {
      start = i;
      i--;
      continue;
    }
    if (DETERMINERS.test(w)) {
      start = i;
      break;
    }
    if (/^\p{Lu}/u.test(w)) sawCapital = true;
    else if (NP_STOP.has(w.toLowerCase()) || /ing$|ed$/.test(w)) break;
    start = i;
    i--;
  }
  if (!sawCapital && !DETERMINERS.test(words[start][0])) {
    // A bare lowercase noun ("officials said") is still a description; other lowercase words are not.
    if (words.length - start > 4) return null;
    if (!ROLE_NOUNS.has(words[words.length - 1][0].toLowerCase())) return null;
  }
  if (DETERMINERS.test(words[start][0]) && start === words.length - 1) return null;
  // "A letter … obtained by The Associated Press warns", "Another source speaking to Fox News said":
  // the name after a participle and its preposition is inside the subject; its head speaks.
  const participle = words[start - 2]?.[0] ?? "";
  // (One level only: a run of such phrases must not cost a pass each.)
  if (!nested && start >= 2 && PARTICIPLE_LINK.test(words[start - 1]![0]) && /(?:ed|ing)$/.test(participle)) {
    const head = subjectBefore(t.slice(0, words[start - 2]!.index), true);
    if (head) return head;
  }
  // "someone in the audience", "one of his aides": the pronoun heads the phrase.
  if (
    start >= 2 &&
    /^(?:in|of|from|at|on)$/.test(words[start - 1]![0]) &&
    PARTITIVE.test(words[start - 2]![0])
  )
    start -= 2;
  const at = words[start].index ?? 0;
  return { text: t.slice(at).trim(), at };
}

const PARTITIVE = /^(?:someone|somebody|anyone|one|many|some|several|most|all|none|each|two|three|few)$/i;
const PARTICIPLE_LINK = /^(?:by|to|with|for)$/;

/** Is words[i] the "of" (or the "the" of "of the") of `Capital of [the] Capital`? */
function ofBetweenCapitals(words: RegExpMatchArray[], i: number): boolean {
  const w = words[i]![0];
  const before = (j: number) => /^\p{Lu}/u.test(words[j]?.[0] ?? "");
  if (w === "of" || w === "from") return before(i - 1);
  return w === "the" && words[i - 1]?.[0] === "of" && before(i - 2);
}

function nounPhraseAfter(
  s: string,
  words: RegExpMatchArray[],
  from: number,
): { text: string; at: number } | null {
  if (from >= words.length) return null;
  const startAt = words[from].index ?? 0;
  let endAt = startAt;
  for (let i = from; i < words.length && i - from < 12; i++) {
    const w = words[i][0];
    if (i > from) {
      const gap = s.slice(endAt, words[i].index);
      if (/[,;:.!?()"]/.test(gap.replace(/^\.(?=\s)/, ""))) break;
    }
    // "said former secretary of state Hillary Clinton": "of" ends the phrase only once a name was seen.
    // Capitalised words belong to a name ("Al From", "Will Estrada"), never stop it.
    if (i > from && NP_STOP.has(w)) {
      const seenName = /\p{Lu}/u.test(s.slice(startAt, endAt));
      // …and a title still waiting for its name goes on ("former Pennsylvania Gov. and Democratic
      // National Committee Chairman Ed Rendell").
      const titlePending = (w === "and" || w === "of") && TITLES.has(words[i - 1][0]);
      if ((w !== "of" || seenName) && !titlePending) break;
    }
    endAt = (words[i].index ?? 0) + w.length;
  }
  // An unnamed source keeps its relative clause, as the article gives it: "a Mexican official who
  // was not authorized to speak publicly".
  const head = s.slice(startAt, endAt);
  // (A description: no capitals after its first letter, or a determiner and a lowercase head noun —
  // "a Mexican official", "a Trump supporter".)
  const description =
    !/\p{Lu}/u.test(head.replace(/^\p{Lu}/u, "")) ||
    (DETERMINERS.test(head.split(/\s+/)[0]) && /\s\p{Ll}[\p{L}-]*$/u.test(head));
  if (description) {
    const rel = s.slice(endAt).match(/^\s+(?:who|that)\s[^,;:.!?"()]{2,100}/);
    if (rel) endAt += rel[0].length;
  }
  const text = s.slice(startAt, endAt).replace(/[.,]$/, "");
  return text ? { text, at: startAt } : null;
}

function trimTrailingAdverbs(np: string): string {
  return np
    .replace(/\s+(?:[\p{Ll}]+ly|also|then|later|again|still|has|had|have|would|will|simply|just)$/u, "")
    .trim();
}
