import { sentenceAt } from "../text/prepare.js";
import type { Entity, EntityType, PreparedText } from "../types.js";
import { linkNicknames, mergeLoneWordsIntoPeople, titleCaseParagraphs } from "./entity-links.js";
import { ACRONYM, properNounSpans } from "./entity-spans.js";
import { FEMALE_NAMES, MALE_NAMES, ORG_WORDS, PLACE_PARTS, PLACES, ROLE_NOUNS } from "./lexicon.js";
import { roleOfTitle, titleLength } from "./person-name.js";
import { type Token, tokenize } from "./tokens.js";

/** One occurrence of a name in the text. */
export interface Mention {
  /** The name without titles ("Kamala Harris"). */
  name: string;
  start: number;
  end: number;
  type: EntityType;
  /** Title or role written next to it ("Vice President", "national security adviser"). */
  role?: string;
  /** The entity it belongs to (index into the entity list). */
  entity: number;
  /** Used as a modifier ("McConnell spokesman", "the Trump campaign"): not a referent for pronouns. */
  modifier: boolean;
  /** Other people a lone surname could stand for ("Trump": Donald or Ivanka), for pronoun agreement. */
  alternatives?: number[];
}

// A name directly followed by one of these nouns modifies it rather than naming the actor.
// (An owner of what he or she said or did is still its actor for a later "he": "Obama's speech …
// He told his audience:", unlike "the Trump rally" or "Trump's aides".)
const MODIFIED_NOUN =
  /^(?:(?:'s?\s+)?\s*(?:spokesman|spokeswoman|spokesperson|campaign|administration|aide|aides|adviser|advisers|official|officials|team|camp|supporters|voters|allies|staff|foundation|organization|tower|hotel|university)|\s+(?:release|statement|speech|rally|era|policy|policies|plan|victory))\b/i;
// Verbs that show whoever is named before them is a person ("Cruz admitted", "X, an aide, said").
const SPEAKING_VERBS =
  "said|says|told|tells|added|asked|wrote|writes|explained|argued|insisted|tweeted|admitted|acknowledged|noted|claimed|conceded|warned|replied|responded|stressed|suggested|recalled|agreed|declared";
const SPEAKS = new RegExp(String.raw`^\s*(?:,[^,]{1,60},\s*)?(?:[a-z]+ly\s+)?(?:${SPEAKING_VERBS})\b`);
const WORD_THEN_SPEAKS = new RegExp(String.raw`^\S+ (?:\w+ly )?(?:${SPEAKING_VERBS})\b`);

export interface EntityAnalysis {
  entities: Entity[];
  mentions: Mention[];
  /** Gender by entity index when the text or the first name shows it. */
  gender: Map<number, "m" | "f">;
  tokens: Token[];
  /** Entities shown to be people: a title, a role, a known first name, or speaking ("X said"). */
  personEvidence: Set<number>;
}

/** People, organisations and places, with roles, surname and nickname links. */
export function extractEntities(prepared: PreparedText): Entity[] {
  return finalEntities(analyseEntities(prepared).entities);
}

export function analyseEntities(prepared: PreparedText): EntityAnalysis {
  const text = prepared.text;
  const tokens = tokenize(text);
  const spans = properNounSpans(tokens, text);
  const entities: Entity[] = [];
  const byKey = new Map<string, number>();
  const mentions: Mention[] = [];
  const gender = new Map<number, "m" | "f">();
  const personEvidence = new Set<number>();

  const headings = titleCaseParagraphs(prepared);
  for (const span of spans) {
    // In a Title Case headline every word is capitalised, so capitalised runs are not names
    // ("Obama Claims Hillary Most Qualified"); the body names the same people properly.
    if (headings.some((h) => span.start >= h.start && span.start < h.end)) continue;
    // "(D-Calif.)", "R-Wis.": a party tag after a name is not another name.
    if (span.words.length === 1 && /^[RDI]-\p{Lu}/u.test(span.words[0])) continue;
    const { name, title } = splitTitle(span.words);
    if (!name.length) continue;
    const role = roleOfTitle(title) ?? roleBefore(text, span.start);
    const nameText = name.join(" ");
    // A single word links to an earlier full name with that surname or first name.
    const surnameOf = name.length === 1 ? findBySurname(entities, nameText) : undefined;
    const type = surnameOf !== undefined ? "person" : classify(name, title, role, text, span.start);
    let index = surnameOf ?? byKey.get(`${type}:${nameText}`);
    if (index === undefined && type === "person" && name.length > 1) {
      // A full name can also complete an earlier bare surname.
      const earlier = byKey.get(`person:${name[name.length - 1]}`);
      if (earlier !== undefined && entities[earlier].name.split(" ").length === 1) {
        index = earlier;
        entities[earlier].aliases.push(entities[earlier].name);
        entities[earlier].name = nameText;
      }
    }
    if (index === undefined) {
      index = entities.length;
      entities.push({ name: nameText, type, aliases: [], sentences: [] });
    }
    byKey.set(`${type}:${nameText}`, index);
    const entity = entities[index];
    if (nameText !== entity.name && !entity.aliases.includes(nameText)) entity.aliases.push(nameText);
    if (role && !entity.role) entity.role = role;
    const sentence = sentenceAt(prepared, span.start);
    if (sentence && entity.sentences[entity.sentences.length - 1] !== sentence.id)
      entity.sentences.push(sentence.id);
    const modifier = MODIFIED_NOUN.test(text.slice(span.end, span.end + 24));
    const alternatives = surnameOf !== undefined ? sharersOf(entities, nameText, index) : undefined;
    mentions.push({
      name: nameText,
      start: span.start,
      end: span.end,
      type,
      role,
      entity: index,
      modifier,
      ...(alternatives?.length ? { alternatives } : {}),
    });
    const g = genderOf(name[0], title);
    if (g && !gender.has(index)) gender.set(index, g);
    if (g || role || SPEAKS.test(text.slice(span.end, span.end + 30))) personEvidence.add(index);
  }
  linkNicknames(prepared, entities, mentions);
  mergeLoneWordsIntoPeople(entities, mentions, gender, personEvidence);
  return { entities, mentions, gender, tokens, personEvidence };
}

/** A capitalised run split into the title or description in front and the name itself. */
function splitTitle(words: string[]): { name: string[]; title?: string } {
  const k = titleLength(words);
  const name = words.slice(k).map((w) => w.replace(/'s$/, ""));
  // "Mr." alone (a sentence cut after it, "Mr. said"): a form of address is no name.
  if (name.length === 0 || (name.length === 1 && !roleOfTitle(name[0]))) return { name: [] };
  const title = k > 0 ? words.slice(0, k).join(" ") : undefined;
  // "House Intelligence Republican Mike Pompeo": a known first name followed by a surname starts the
  // person's name; the words before it describe them.
  const first = name.findIndex(
    (w, i) => i > 0 && i < name.length - 1 && (MALE_NAMES.has(w) || FEMALE_NAMES.has(w)),
  );
  if (first > 0 && name.length - first <= 3) {
    const prefix = name.slice(0, first);
    if (prefix.some((w) => ORG_WORDS.has(w) || PLACES.has(w) || ACRONYM.test(w)))
      return { name: name.slice(first), title: [title, ...prefix].filter(Boolean).join(" ") };
  }
  return { name, title };
}

/** Lowercase role words written right before a name: "national security adviser Jake Sullivan". */
function roleBefore(text: string, start: number): string | undefined {
  if (start < 2 || text[start - 1] !== " ") return undefined;
  // Cheap reject first: the word right before the name must be a role noun.
  const words = text.slice(Math.max(0, start - 80), start - 1).split(" ");
  const last = words[words.length - 1];
  if (!last || !ROLE_NOUNS.has(last)) return undefined;
  // Keep the modifier run next to the role noun; stop at punctuation, determiners, verbs and the like.
  // Lowercase words before capitalised ones are another clause ("hopeful Donald Trump threw famous
  // Mexican-American reporter Jorge Ramos") unless they only qualify the role ("former White House
  // press secretary").
  const keep = [last];
  let sawCapital = false;
  for (let i = words.length - 2; i >= 0 && keep.length < 7; i--) {
    const w = words[i];
    if (!/^[\p{L}'-]+$/u.test(w) || ROLE_STOP.test(w)) break;
    const capital = /^\p{Lu}/u.test(w);
    if (sawCapital && !capital) {
      if (ROLE_QUALIFIERS.has(w)) keep.unshift(w);
      break;
    }
    sawCapital ||= capital;
    keep.unshift(w);
  }
  return keep.join(" ");
}

const ROLE_QUALIFIERS = new Set(
  "former then longtime veteran retired acting interim incoming outgoing top senior deputy assistant famous prominent fellow".split(
    " ",
  ),
);
const ROLE_STOP =
  /^(a|an|the|and|or|of|to|with|by|for|in|on|at|said|says|told|that|who|as|is|was|his|her|their|its)$/i;

function classify(
  name: string[],
  title: string | undefined,
  role: string | undefined,
  text: string,
  start: number,
): EntityType {
  if (name.some((w) => ORG_WORDS.has(w))) return "organisation";
  // A lone word is a place only when it is one by itself ("Iowa"), not a piece of one ("David" of
  // Camp David, "Khan" of Khan Yunis).
  if (name.length === 1 ? PLACES.has(name[0]) && !PLACE_PARTS.has(name[0]) : name.every((w) => PLACES.has(w)))
    return "place";
  if (title || role) return "person";
  if (MALE_NAMES.has(name[0]) || FEMALE_NAMES.has(name[0])) return "person";
  if (name.length === 1 && ACRONYM.test(name[0])) return "organisation";
  const before = text.slice(Math.max(0, start - 6), start);
  if (/\b(in|from|to|near)\s$/i.test(before) && name.length <= 2 && !fromASender(text, start)) return "place";
  if (name.length > 1) return "person";
  // A lone unknown word is a person only when it speaks; otherwise most often a group or organisation.
  const after = text.slice(start, start + 40);
  return WORD_THEN_SPEAKS.test(after) ? "person" : "organisation";
}

// "a post from Arianna Huffington", "a call from Ann Roe": what comes from a name there is sent by
// someone, so the name is its sender, not a place (a report, video or word "from Des Moines" may
// well come from a place, so those nouns are not read so).
const SENT_FROM =
  /\b(?:statement|post|letter|e-?mail|tweet|message|note|memo|call|phone call|release|remarks?|comments?|response|reply|endorsement|donation|testimony|op-ed|column)s?\s+from\s$/i;

function fromASender(text: string, start: number): boolean {
  return SENT_FROM.test(text.slice(Math.max(0, start - 40), start));
}

/**
 * The person a lone surname (or known first name) stands for: the latest one named with it. When
 * several people share it ("Donald Trump", "Ivanka Trump"), the others are kept as the mention's
 * alternatives (sharersOf), for the speaker resolution to choose among by gender.
 */
function findBySurname(entities: Entity[], word: string): number | undefined {
  for (let i = entities.length - 1; i >= 0; i--) {
    const e = entities[i];
    if (e.type !== "person") continue;
    const parts = e.name.split(" ");
    // A surname links; a first name only when it is a known one ("Hillary"), never the first word of
    // some other capitalised run ("Braynard Precision Survey Method").
    const firstName = parts[0] === word && (MALE_NAMES.has(word) || FEMALE_NAMES.has(word));
    if (parts.length > 1 && (parts[parts.length - 1] === word || firstName)) return i;
  }
  return undefined;
}

function sharersOf(entities: Entity[], word: string, except: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < entities.length; i++) {
    if (i === except || entities[i].type !== "person") continue;
    const parts = entities[i].name.split(" ");
    if (parts.length > 1 && parts[parts.length - 1] === word) out.push(i);
  }
  return out;
}

function genderOf(first: string, title?: string): "m" | "f" | undefined {
  if (title && /\b(Mr|King|Prince|Sir|Lord|Congressman|Chairman|Spokesman)\b/.test(title)) return "m";
  if (title && /\b(Mrs|Ms|Miss|Queen|Princess|Dame|Lady|Congresswoman|Chairwoman|Spokeswoman)\b/.test(title))
    return "f";
  if (MALE_NAMES.has(first)) return "m";
  if (FEMALE_NAMES.has(first)) return "f";
  return undefined;
}

/** Index of the first mention starting at or after `offset` (mentions are in text order). */
export function mentionIndexAt(mentions: Mention[], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Entities with merged-away slots removed; keeps the most mentioned first. */
export function finalEntities(entities: Entity[]): Entity[] {
  return entities.filter((e) => e.name !== "").sort((a, b) => b.sentences.length - a.sentences.length);
}
