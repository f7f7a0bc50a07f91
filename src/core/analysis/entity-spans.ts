import { FEMALE_NAMES, MALE_NAMES, NAME_PARTICLES, NOT_NAMES, ORG_WORDS, PLACES, TITLES } from "./lexicon.js";
import type { Token } from "./tokens.js";

/**
 * Candidate names: runs of proper-noun tokens (wink-nlp tags), joined across "of the" inside
 * organisation names, hyphens and initials, minus sentence openers, days, months and nationality
 * adjectives.
 */

const CONNECTORS = new Set(["of", "for", "the", "de", "van", "von", "al", "bin", "el", "la", "le", "du"]);
// Heads that take an "of" phrase inside a name: "State of the Union", "Bank of America".
const OF_HEADS = new Set([
  "State",
  "Secretary",
  "Minister",
  "Bank",
  "Board",
  "Museum",
  "Church",
  "Republic",
  "Kingdom",
  "Bay",
  "Gulf",
  "Sea",
  "Isle",
  "City",
  "Chamber",
  "Court",
  "Department",
  "Ministry",
  "University",
  "College",
  "Institute",
  "Council",
  "Office",
  "Bureau",
  "Chief",
  "Duke",
  "Prince",
  "Queen",
  "King",
]);
// Never names on their own: days, months, and nationality adjectives.
const NEVER_NAMES = new Set(
  "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August September October November December".split(
    " ",
  ),
);
const DEMONYM = /(?:ian|ians|ean|eans|ese|ish|i|is|an|ans|ic)$/;
export const ACRONYM = /^[A-Z][A-Z0-9&.]{1,6}$/;
interface Span {
  words: string[];
  start: number;
  end: number;
}

/** Runs of proper nouns (allowing "of", "the" between capitalised words: "Department of State"). */
export function properNounSpans(tokens: Token[], text: string): Span[] {
  const spans: Span[] = [];
  const midSentence = midSentenceWords(tokens, text);
  let i = 0;
  while (i < tokens.length) {
    if (!isNameToken(tokens, i, text, midSentence)) {
      i++;
      continue;
    }
    const words = [tokens[i].text];
    // (What the span's words hold so far, kept as it grows: a long run of particles or connectors
    // is read once, not once per particle.)
    const held = new HeldWords(words);
    const start = tokens[i].start;
    let end = tokens[i].end;
    let j = i + 1;
    while (j < tokens.length) {
      const t = tokens[j];
      if (t.start !== end + 1 && t.start !== end) break; // a gap of more than one space
      if (isNameToken(tokens, j, text, midSentence)) {
        words.push(t.text);
        end = t.end;
        j++;
      } else if (
        t.text === "-" &&
        t.start === end &&
        tokens[j + 1]?.start === t.end &&
        isNameToken(tokens, j + 1, text, midSentence)
      ) {
        // "Lopez-Cantera": one name across the hyphen.
        words[words.length - 1] += `-${tokens[j + 1].text}`;
        end = tokens[j + 1].end;
        j += 2;
      } else if (
        CONNECTORS.has(t.text) &&
        held.some(ORG_OR_HEAD) &&
        nextNameAfterConnectors(tokens, j, text, midSentence) > 0
      ) {
        const k = nextNameAfterConnectors(tokens, j, text, midSentence);
        for (let m = j; m < k; m++) words.push(tokens[m].text);
        end = tokens[k - 1].end;
        j = k;
      } else if (
        NAME_PARTICLES.has(t.text) &&
        !held.some(ORG_OR_PLACE) &&
        nextNameAfterParticles(tokens, j, text, midSentence) > 0
      ) {
        // "Ana de la Cruz", "Mohammed bin Salman": a person's name goes on across its particles.
        const k = nextNameAfterParticles(tokens, j, text, midSentence);
        for (let m = j; m < k; m++) words.push(tokens[m].text);
        end = tokens[k - 1].end;
        j = k;
      } else if (t.text === "." && t.start === end && words[words.length - 1].length === 1) {
        end = t.end; // initial: "John F. Kennedy"
        words[words.length - 1] += ".";
        j++;
      } else break;
    }
    i = j;
    if (words.length === 1 && NEVER_NAMES.has(words[0])) continue;
    // A lone capitalised word that opens a sentence is only a name if the text also uses it mid-sentence
    // or a lexicon knows it ("Protests in Israel…", "Talks to secure…" are not names).
    // A proper noun the tagger sees as the subject of a verb ("Carson defied the question") counts too.
    const next = tokens[j]?.pos === "ADV" ? tokens[j + 1] : tokens[j];
    const subjectOfVerb = tokens[i - 1]?.pos === "PROPN" && (next?.pos === "VERB" || next?.pos === "AUX");
    if (
      words.length === 1 &&
      atSentenceStart(text, start) &&
      !knownWord(words[0], midSentence) &&
      !subjectOfVerb
    )
      continue;
    // Nationality adjectives before a noun ("Israeli counterpart") are not entities.
    if (
      words.length === 1 &&
      DEMONYM.test(words[0]) &&
      tokens[j] &&
      /^(NOUN|ADJ)$/.test(tokens[j].pos) &&
      !PLACES.has(words[0])
    )
      continue;
    spans.push({ words, start, end });
  }
  return spans;
}

const ORG_OR_HEAD = (w: string) => ORG_WORDS.has(w) || OF_HEADS.has(w);
const ORG_OR_PLACE = (w: string) => ORG_WORDS.has(w) || PLACES.has(w);

/**
 * Whether any of a growing span's words passes a test, the same as `words.some(test)` but in
 * constant time per call: words before the last are settled once (only the last is ever extended,
 * by a hyphen or an initial's full stop), so each is tested once however often it is asked.
 */
class HeldWords {
  /** Per test: how many words are settled, and whether one of them passed. */
  private readonly progress = new Map<(w: string) => boolean, { settled: number; seen: boolean }>();
  constructor(private readonly words: string[]) {}

  some(test: (w: string) => boolean): boolean {
    let p = this.progress.get(test);
    if (!p) {
      p = { settled: 0, seen: false };
      this.progress.set(test, p);
    }
    for (; p.settled < this.words.length - 1; p.settled++) p.seen ||= test(this.words[p.settled]!);
    return p.seen || test(this.words.at(-1)!);
  }
}

function nextNameAfterConnectors(tokens: Token[], j: number, text: string, midSentence: Set<string>): number {
  let k = j;
  while (k < tokens.length && k - j < 2 && CONNECTORS.has(tokens[k].text)) k++;
  return k > j && k < tokens.length && isNameToken(tokens, k, text, midSentence) ? k : -1;
}

function nextNameAfterParticles(tokens: Token[], j: number, text: string, midSentence: Set<string>): number {
  let k = j;
  while (
    k < tokens.length &&
    k - j < 2 &&
    NAME_PARTICLES.has(tokens[k].text) &&
    tokens[k].start === tokens[k - 1].end + 1
  )
    k++;
  const name = k > j && k < tokens.length && tokens[k].start === tokens[k - 1].end + 1;
  return name && isNameToken(tokens, k, text, midSentence) ? k : -1;
}

function knownWord(word: string, midSentence: Set<string>): boolean {
  return (
    midSentence.has(word) ||
    PLACES.has(word) ||
    MALE_NAMES.has(word) ||
    FEMALE_NAMES.has(word) ||
    ACRONYM.test(word)
  );
}

/** Capitalised words the text uses away from a sentence start: those are names, not sentence openers. */
function midSentenceWords(tokens: Token[], text: string): Set<string> {
  const set = new Set<string>();
  for (const t of tokens) if (/^\p{Lu}/u.test(t.text) && !atSentenceStart(text, t.start)) set.add(t.text);
  return set;
}

function isNameToken(tokens: Token[], i: number, text: string, midSentence: Set<string>): boolean {
  const t = tokens[i];
  const first = t.text[0];
  if (!first || first === first.toLowerCase()) return false;
  if (!/^[\p{Lu}][\p{L}'.-]*$/u.test(t.text)) return false;
  if (NEVER_NAMES.has(t.text)) return false;
  if (t.pos === "PROPN") return !NOT_NAMES.has(t.text) || !atSentenceStart(text, t.start);
  // A known first name before a capitalised word starts a name whatever the tagger says ("Josh
  // Hendler", where "Josh" reads as a verb), and the capitalised word after it is the surname
  // ("David Jolly", where "Jolly" reads as an adjective).
  const next = tokens[i + 1];
  if (
    (MALE_NAMES.has(t.text) || FEMALE_NAMES.has(t.text)) &&
    next &&
    t.end + 1 === next.start &&
    /^\p{Lu}\p{Ll}/u.test(next.text) &&
    !NOT_NAMES.has(next.text)
  )
    return true;
  const prev = tokens[i - 1];
  if (prev && prev.end + 1 === t.start && (MALE_NAMES.has(prev.text) || FEMALE_NAMES.has(prev.text)))
    return !NOT_NAMES.has(t.text) && /^\p{Lu}\p{Ll}/u.test(t.text);
  // The tagger reads a sentence-opening surname as a noun or adjective ("Jolly, who was elected …",
  // "Cruz openly admitted"); the same word capitalised mid-sentence elsewhere shows it is a name.
  if (
    atSentenceStart(text, t.start) &&
    midSentence.has(t.text) &&
    !NOT_NAMES.has(t.text) &&
    /^(?:NOUN|ADJ|ADV|VERB|X|INTJ)$/.test(t.pos)
  )
    return true;
  // A capitalised number word right after a proper noun ends the name it belongs to ("Air Force
  // One", "Formula One"); the tagger reads it as a number, and the name was cut before it.
  if (
    t.pos === "NUM" &&
    /^\p{Lu}\p{Ll}+$/u.test(t.text) &&
    prev?.pos === "PROPN" &&
    prev.end + 1 === t.start &&
    !atSentenceStart(text, t.start)
  )
    return true;
  // Titles before names are tagged as nouns; acronyms as nouns too.
  if (TITLES.has(t.text) && i + 1 < tokens.length && /^\p{Lu}/u.test(tokens[i + 1].text)) return true;
  return ACRONYM.test(t.text) && t.text.length >= 2 && t.text !== "I";
}

function atSentenceStart(text: string, offset: number): boolean {
  let k = offset - 1;
  while (k >= 0 && (text[k] === " " || text[k] === '"' || text[k] === "(")) k--;
  return k < 0 || text[k] === "\n" || text[k] === "." || text[k] === "!" || text[k] === "?";
}
