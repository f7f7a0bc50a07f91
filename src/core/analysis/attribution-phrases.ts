import {
  APPOSITIVE_OPENER,
  BARE_NAME,
  DETERMINERS,
  mainClauseSubject,
  NOT_APPOSITIVE,
  plausibleSpeaker,
  type SpeakerPhrase,
} from "./clause-subject.js";
import { NOT_NAMES, ROLE_NOUNS, SPEECH_VERBS, TITLES } from "./lexicon.js";
import { BETWEEN, NP_STOP, subjectBefore, WORD } from "./subject-before.js";

export { mainClauseSubject, type SpeakerPhrase };

// Finding the phrase that names a quote's speaker next to the quotation marks:
// `"…," X said` / `"…," said X` / `X said: "…"` / `X told Y that "…"` / `According to X, "…"`.
// Returns the raw phrase; resolving it to a person or description is attribution.ts's job.

// "As Breitbart News reported, …": the source named, not the subject of the lead-in, is quoted.
const SOURCE_CLAUSE = /\b[Aa]s\s+[^,]{1,60}\s+(?:reported|said|wrote|noted|explained|put it)\b/;
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
  // `"…," but Mayor Tom Hale called it "…"`: a clause a conjunction opens has its own subject and
  // verb — about what follows, not an attribution of the quote before it.
  if (/^(?:but|while|whereas|yet)\s/i.test(s)) return null;
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
          // (Titles the lexicon abbreviates: "Sec. of State Antony Blinken", "Atty. Gen. …".)
          .replace(/\b\p{Lu}\p{Ll}{1,5}\./gu, (t) => (TITLES.has(t) ? "" : t))
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
    // "added the claims "…"", "rejected his claims": after a determiner the word is a noun.
    if (i > 0 && /^(?:the|a|an|his|her|their|its|these|those|such|whose)$/i.test(words[i - 1][0])) continue;
    if (/^(call|calls|called|describe|describes|described)$/i.test(w)) {
      // "called it …" / "described him as …" — speech only with an object.
      const after = s.slice((words[i].index ?? 0) + w.length, (words[i].index ?? 0) + w.length + 20);
      if (!/^\s+(it|them|him|her|this|that|these|those|his \w+|their \w+|its \w+|the \w+)\b/i.test(after))
        continue;
    }
    // Verb-first inside the left context: `said Paul Ryan: "`.
    const after = s.slice((words[i].index ?? 0) + w.length);
    // The passive: `Sanders was asked by host Bill Maher, …, "` — the one it was asked by speaks.
    const passive = /^(?:was|were|been|being|is|are|got|get)$/i.test(words[i - 1]?.[0] ?? "")
      ? after.match(/^\s+by\s+/)
      : null;
    if (passive) {
      const rest = after.slice(passive[0].length);
      const np = nounPhraseAfter(rest, [...rest.matchAll(WORD)], 0);
      const at = offset + (words[i].index ?? 0) + w.length + passive[0].length;
      // (Up to what was asked: "by a reporter whether she would run".)
      const who = np?.text.replace(/\s+(?:whether|why|how|what|where|when|if)\b.*$/, "");
      if (np && who && plausibleSpeaker(who)) return { phrase: who, at: at + np.at, side: "left" };
    }
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
    // (A clause longer than the bound ends at its last whole word, not inside one.)
    const cut =
      rel && /[\p{L}\p{N}]/u.test(s[endAt + rel[0].length] ?? "") ? rel[0].replace(/\s+\S*$/, "") : rel?.[0];
    if (cut) endAt += cut.length;
  }
  const text = s.slice(startAt, endAt).replace(/[.,]$/, "");
  return text ? { text, at: startAt } : null;
}

function trimTrailingAdverbs(np: string): string {
  return np
    .replace(/\s+(?:[\p{Ll}]+ly|also|then|later|again|still|has|had|have|would|will|simply|just)$/u, "")
    .trim();
}
