import type { Entity } from "../types.js";
import { linkDescription, resolveIt } from "./back-references.js";
import type { EntityAnalysis } from "./entities.js";
import { FEMALE_NAMES, MALE_NAMES, NAME_PARTICLES, NOT_NAMES, ORG_WORDS, PLACES, TITLES } from "./lexicon.js";
import { roleOfTitle, titleLength } from "./person-name.js";
import { resolvePronoun } from "./pronoun-antecedent.js";
import { notASpeaker, withoutTrailingAuxiliary } from "./speaker-shape.js";

/** A resolved speaker: the fullest name or description the article gives, and a role if given. */
export interface Speaker {
  name: string;
  role?: string;
  /** The entity when the speaker is a named one. */
  entity?: number;
  kind: "person" | "organisation" | "description";
  gender?: "m" | "f";
  /** Offset where the text introduced this speaker (for recency). */
  at: number;
  /**
   * For a pronoun resolved back: how far the chosen antecedent's score is ahead of the best other
   * person (Infinity when nobody else was compatible). A small lead is a guess.
   */
  lead?: number;
  /** For a pronoun resolved back: how many sentences before the pronoun its antecedent is. */
  sentencesBack?: number;
}

export interface ResolveContext {
  text: string;
  analysis: EntityAnalysis;
  /** Speakers of earlier quotes, in text order. */
  previous: Speaker[];
  /** Quote spans (to skip names that are inside quotations). */
  insideQuote(offset: number): boolean;
  /** Start offset of the paragraph before the current one (pronouns look back this far first). */
  lookbackStart: number;
  /** Sentence index of a text offset, and the start offset of that sentence. */
  sentenceOf(offset: number): number;
  sentenceStart(offset: number): number;
}

const DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";
// "Priebus later Thursday", "Roe on May 3": when something was said is not who said it — but a
// month alone after a name is the name's ("Theresa May", "Brian June").
const WHEN = String.raw`(?:(?:(?:on|last|this|later|earlier|late|early|in)\s+)*${DAY}|(?:(?:on|last|this|later|earlier|late|early|in)\s+)+${MONTH}|${MONTH}\s+\d{1,2})`;
const TIME_AFTER = new RegExp(
  String.raw`\s+${WHEN}(?:\s+\d{1,2})?(?:\s+(?:morning|afternoon|evening|night))?$`,
  "u",
);
// (As before a name: "April Ryan", "May Bailey" keep their first names.)
const TIME_BEFORE = new RegExp(
  String.raw`^(?:(?:(?:On|Last|This|Late|Early)\s+)?${DAY}(?:\s+\d{1,2})?|(?:On|Last|This|Late|Early|In)\s+${MONTH}(?:\s+\d{1,2})?|${MONTH}\s+\d{1,2}),?\s+`,
  "u",
);
const PRONOUN_GENDER: Record<string, "m" | "f" | "p"> = { he: "m", she: "f", they: "p", him: "m", her: "f" };

/** Turns the phrase next to a quote into a speaker, resolving pronouns and back-references. */
// Lowercase nouns only: "The Washington Post" and "Fox News Interview" are sources with names.
const DOCUMENT =
  "(?:(?:[Aa]|[Aa]n|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\\s+)?(?:\\p{Ll}[\\p{Ll}-]*\\s+)?(?:statement|news release|press release|release|post|tweet|letter|e-?mail|memo|report|filing|interview|note)s?";
const DOCUMENT_FROM = new RegExp(
  `^${DOCUMENT}\\s+(?:from|by|of|issued by|released by)\\s+(?=\\p{Lu}|the\\s)`,
  "u",
);

export function resolveSpeaker(phrase: string, at: number, ctx: ResolveContext): Speaker | null {
  let p = phrase
    .replace(/^(and|but|so|as|while|when)\s+/i, "")
    .replace(/\s+(himself|herself|themselves|itself)$/i, "")
    .replace(/['’]s$/, "")
    // "Tom Hale of Ohio", "Ann Roe from Texas": the place is not part of the name (but "Secretary of
    // State Antony Blinken" is a title's "of", the name after it).
    .replace(/(\p{Lu}[\p{L}'.-]*)\s+(?:of|from)\s+(?:the\s+)?\p{Lu}[\p{L}\s.'-]*$/u, (all, head: string) =>
      TITLES.has(head) ? all : head,
    )
    // "Priebus later Thursday", "On Friday, he": when something was said is not who said it.
    .replace(TIME_AFTER, "")
    .replace(TIME_BEFORE, "")
    .trim();
  // "according to a statement from Mayor Lisa Grant": the statement's author is the speaker. (A
  // document with no author named stays the source, as annotators of news attribution treat it.)
  const document = p.match(DOCUMENT_FROM);
  if (document) p = p.slice(document[0].length);
  if (!p) return null;
  // "But what we should ask is "…"", "…," polls did: a clause or a fragment is nobody.
  p = withoutTrailingAuxiliary(p);
  if (notASpeaker(p)) return null;
  const lower = p.toLowerCase();
  if (lower in PRONOUN_GENDER) return resolvePronoun(PRONOUN_GENDER[lower], at, ctx);
  // "Iowa State University's Dianne Bystrom", "Breitbart's Joel Pollak": the name after the possessive.
  const possessive = p.includes(",") ? null : p.match(/^(.+?)['’]s\s+((?:\p{Lu}[\p{L}'’.-]*\s*){1,4})$/u);
  if (possessive) {
    const inner = resolveSpeaker(possessive[2].trim(), at, ctx);
    if (inner?.kind === "person") return { ...inner, role: inner.role ?? possessive[1] };
  }
  // "a prominent party member who supports Trump": an unnamed source with its relative clause is a
  // description, whatever names the clause holds.
  if (/^(?:a|an|one|another|two|three|several|some)\s[^,]*?\s(?:who|that)\s/i.test(p))
    return { name: p, kind: "description", at };
  if (/^it$/i.test(p)) return resolveIt(at, ctx);
  if (/^(i|we|you|me|us)$/i.test(p)) return null;

  // Appositive: "Smith, the group's director" or "the group's director, John Smith".
  let role: string | undefined;
  const parts = p.split(/,\s*/).filter(Boolean);
  if (parts.length >= 2) {
    const named = parts.find((x) => hasName(x));
    if (named) {
      role = parts.filter((x) => x !== named).join(", ");
      p = named;
    } else p = parts[0];
  }
  // "said the." / "said his": a determiner or pronoun alone names nobody — no speaker, not a bad one.
  if (p.split(/\s+/).every((w) => FUNCTION_WORDS.has(w.toLowerCase()))) return null;
  // "Martin Luther King Jr": the suffix is written as the entity has it.
  const words = p.split(/\s+/).map((w) => (w === "Jr" || w === "Sr" ? `${w}.` : w));
  // Trailing capitalised run = the name; words before it = the role ("House Speaker Paul Ryan"),
  // across a title's "of" ("Chairman of the Joint Chiefs Mark Milley").
  let k = words.length;
  for (;;) {
    while (k > 0 && /^\p{Lu}/u.test(words[k - 1])) k--;
    // "Ana de la Cruz": a person's particles (one or two) between capitalised words.
    let particles = 0;
    while (particles < 2 && NAME_PARTICLES.has(words[k - particles - 1] ?? "")) particles++;
    if (particles && k < words.length && /^\p{Lu}/u.test(words[k - particles - 1] ?? "")) {
      k -= particles;
      continue;
    }
    const of = words[k - 1] === "of" ? 1 : words[k - 1] === "the" && words[k - 2] === "of" ? 2 : 0;
    if (!of || k - of < 1 || !TITLES.has(words[k - of - 1])) break;
    k -= of;
  }
  const capital = words.slice(k);
  if (capital.length > 0) {
    // Everything up to the last title word is the title ("Retired Army Col. Lawrence Wilkerson").
    const t = titleLength(capital);
    const nameWords = capital.slice(t);
    // "said Mr." / "Dr. said": a form of address alone, or a title with no name, is no name ("King
    // said" is: a title word can be a surname).
    if (nameWords.length === 0 || (nameWords.length === 1 && !roleOfTitle(nameWords[0]))) {
      if (/^(?:the|a|an)\s/i.test(p)) return { name: p, kind: "description", at };
      return null;
    }
    // "New York City Public Advocate Trish James": a title the lexicon does not know, before a
    // person the article names, is that person's role.
    const known = nameWords.length >= 3 ? knownPersonSuffix(ctx.analysis.entities, nameWords) : 0;
    const titleEnd = known ? capital.length - known : t;
    const titleWords = [...words.slice(0, k), ...capital.slice(0, titleEnd)];
    while (titleWords.length && /^(a|an|the)$/i.test(titleWords[0])) titleWords.shift();
    const name = (known ? capital.slice(titleEnd) : nameWords).join(" ");
    const entityIdx = findEntity(ctx.analysis.entities, name);
    const entity = entityIdx !== undefined ? ctx.analysis.entities[entityIdx] : undefined;
    // ("RealClearPolitics' David Byler": the owner's mark is not part of the role.)
    const titleRole = roleOfTitle(titleWords.join(" ").replace(/['’]s?$/, "") || undefined);
    // "Voters in Ohio": a place is where the speakers are, never who — the phrase is a description,
    // or nobody when it is the place alone. (Only places the gazetteer knows: "according to HuffPo"
    // has the entity typed a place by its preposition alone; "said Khan" is the article's Sadiq Khan.)
    if (entity?.type !== "person" && nameWords.every((w) => PLACES.has(w))) {
      const before = words.slice(0, k).join(" ");
      return /\p{Ll}/u.test(before) ? { name: p, kind: "description", at } : null;
    }
    if (entity?.type === "organisation" || (!entity && nameWords.some((w) => ORG_WORDS.has(w)))) {
      return { name: words.slice(0, k).length ? p : name, kind: "organisation", entity: entityIdx, at };
    }
    return {
      name: entity?.type === "person" ? entity.name : name,
      role: role ?? titleRole ?? entity?.role,
      entity: entityIdx,
      kind: "person",
      gender: entityIdx !== undefined ? ctx.analysis.gender.get(entityIdx) : undefined,
      at,
    };
  }
  // A description. Definite ones ("the adviser") point back to an earlier introduction.
  if (/^the\s/i.test(p)) {
    const linked = linkDescription(p, at, ctx);
    if (linked) return linked;
  }
  return { name: p, role, kind: "description", at };
}

// Words that never name a speaker by themselves.
const FUNCTION_WORDS = new Set(
  "the a an this that these those his her hers their its my our your him them who which what whose".split(
    " ",
  ),
);

function hasName(s: string): boolean {
  // A capitalised word that is not just a sentence opener ("Last year, …, she").
  const capitalised = s.match(/(?:^|\s)(\p{Lu}[\p{L}'-]+)(?=\s|$)/gu)?.map((w) => w.trim()) ?? [];
  return (
    capitalised.some((w) => !NOT_NAMES.has(w)) && !/^the\s/i.test(s.trim()) && !/^(a|an)\s/i.test(s.trim())
  );
}

/** How many of the last words (two or three) are the whole name of a person the article names. */
function knownPersonSuffix(entities: Entity[], words: string[]): number {
  for (const n of [3, 2]) {
    if (words.length <= n) continue;
    // (Only after a title-like word: "J. Gerald Hebert" and "Mary Ann Lee" are whole names.)
    const before = words.slice(0, -n);
    if (before.every((w) => /^\p{Lu}\.?$/u.test(w) || MALE_NAMES.has(w) || FEMALE_NAMES.has(w))) continue;
    const suffix = words.slice(-n).join(" ");
    if (entities.some((e) => e.type === "person" && (e.name === suffix || e.aliases.includes(suffix))))
      return n;
  }
  return 0;
}

export function findEntity(entities: Entity[], name: string): number | undefined {
  let best: number | undefined;
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    if (e.name === "") continue;
    if (e.name === name) return i;
    if (best === undefined && e.aliases.includes(name)) best = i;
  }
  if (best !== undefined) return best;
  const last = name.split(" ").pop();
  for (let i = entities.length - 1; i >= 0; i--) {
    const e = entities[i];
    if (
      e.type === "person" &&
      e.name.split(" ").length > 1 &&
      e.name.split(" ").pop() === last &&
      name.split(" ").length === 1
    )
      return i;
  }
  return undefined;
}
