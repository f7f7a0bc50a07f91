import type { Entity, PreparedText } from "../core/types.js";
import { contentStems, STOPWORDS, stemOf, wordsOf } from "./words.js";

/** How the grounding check reads a speaker's words: names, description, and who is the same person. */

export const HONORIFICS = new Set(
  "mr mrs ms miss dr sen rep gov gen lt col sgt prof rev jr sr ii iii sir dame lord".split(" "),
);

/** Capitalised at the start of a description ("Another superdelegate"), never part of a name. */
const DETERMINERS = new Set(["another", "every", "several", "many", "few"]);

/** A capitalised word that can be part of a name (not "The", "Another", "Sen."). */
function isNameWord(raw: string): boolean {
  const word = wordsOf(raw).join("");
  return (
    /^\p{Lu}/u.test(raw) &&
    word !== "" &&
    !STOPWORDS.has(word) &&
    !DETERMINERS.has(word) &&
    !HONORIFICS.has(word)
  );
}

export interface SpeakerTerms {
  /** Capitalised words of a name ("Joe", "Biden"): must occur exactly. */
  names: string[];
  /** Stems of the other content words ("senior", "official"). */
  description: string[];
}

export function termsOf(speaker: string): SpeakerTerms {
  const names: string[] = [];
  const rest: string[] = [];
  // "Jeff Weaver, Sanders' campaign manager": the names of an appositive describe the speaker, they
  // are not the speaker's own (the head before the comma is, when it holds a name).
  const [head, ...appositive] = speaker.split(",");
  const headHasName = head!.trim().split(/\s+/).some(isNameWord);
  for (const raw of appositive.join(" ").split(/\s+/)) {
    if (!headHasName) break;
    const word = wordsOf(raw).join("");
    if (word && !/^\p{Lu}/u.test(raw) && !STOPWORDS.has(word)) rest.push(...contentStems(raw));
  }
  for (const raw of (headHasName ? head! : speaker).split(/[\s,]+/)) {
    // "Cobb-Hunter", "P&G": the article's words are read the same way (wordsOf splits them), so a
    // joined form would never be found.
    const words = wordsOf(raw).filter((w) => !HONORIFICS.has(w) && !STOPWORDS.has(w));
    if (words.length === 0 || HONORIFICS.has(wordsOf(raw).join(""))) continue;
    if (/^\p{Lu}/u.test(raw)) names.push(...words);
    else rest.push(...contentStems(raw));
  }
  return { names, description: rest };
}

export function sentenceRange(prepared: PreparedText, from: number, to: number): string {
  const first = Math.max(0, from);
  const last = Math.min(prepared.sentences.length - 1, to);
  if (last < first) return "";
  return prepared.text.slice(prepared.sentences[first].start, prepared.sentences[last].end);
}

export function mentions(text: string, terms: SpeakerTerms, all: boolean): boolean {
  const words = new Set(wordsOf(text));
  const stems = new Set(contentStems(text));
  const nameHits = terms.names.filter((n) => words.has(n)).length;
  const descHits = terms.description.filter((d) => stems.has(d)).length;
  if (all) {
    const needDesc = Math.ceil(terms.description.length * 0.75);
    return nameHits === terms.names.length && descHits >= needDesc && nameHits + descHits > 0;
  }
  // Near the quote one distinctive word is enough ("Kirby said", "the official added").
  return nameHits > 0 || (terms.names.length === 0 && descHits > 0);
}

/** The speaker's words plus the aliases and role of the entity it names, for nearby mentions. */
export function widen(terms: SpeakerTerms, entities: Entity[]): SpeakerTerms {
  const entity = entities.find((e) => {
    const forms = [e.name, ...e.aliases].map((f) => wordsOf(f));
    return forms.some((f) => terms.names.length > 0 && terms.names.every((n) => f.includes(n)));
  });
  if (!entity) return terms;
  const extra = termsOf([entity.name, ...entity.aliases].join(" "));
  const role = entity.role ? contentStems(entity.role) : [];
  return {
    names: [...new Set([...terms.names, ...extra.names])],
    description: [...new Set([...terms.description, ...role])],
  };
}

/** Any shared word (names or description, the entity's role included): loose, for "is this them?". */
export function sameSpeaker(other: string, terms: SpeakerTerms): boolean {
  const o = termsOf(other);
  const mine = new Set([...terms.names.map(stemOf), ...terms.description]);
  return [...o.names.map(stemOf), ...o.description].some((w) => mine.has(w));
}

/**
 * The same person, strictly: every name word of one is a name word of the other ("Fiorina" and
 * "Carly Fiorina"; not "Ty Woods" and "Dorothy Woods"), or, when neither has a name, every
 * description word of one is the other's ("the heckler").
 */
export function samePerson(a: string, b: string): boolean {
  const x = termsOf(a);
  const y = termsOf(b);
  const within = (p: string[], q: string[]) => p.length > 0 && p.every((w) => q.includes(w));
  if (x.names.length > 0 || y.names.length > 0) return within(x.names, y.names) || within(y.names, x.names);
  return within(x.description, y.description) || within(y.description, x.description);
}

/**
 * Does a name the article credits ("Tyler", "Sen. Rubio", "Bibi") name the model's speaker? The
 * same person by their words, or by another form of the article's entity for the model's speaker.
 */
export function namesSpeaker(credited: string, speaker: string, entities: Entity[]): boolean {
  if (samePerson(credited, speaker)) return true;
  const names = termsOf(speaker).names;
  if (names.length === 0) return false;
  const entity = entities.find((e) =>
    [e.name, ...e.aliases].some((f) => names.every((n) => wordsOf(f).includes(n))),
  );
  return entity !== undefined && [entity.name, ...entity.aliases].some((f) => samePerson(credited, f));
}
