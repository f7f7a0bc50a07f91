import { commonWordWeight } from "../qa/english-frequency.js";
import { stem } from "../qa/tokens.js";
import type { Entity, EntityType } from "../types.js";
import type { Mention } from "./entities.js";
import { ACRONYM } from "./entity-spans.js";
import { ORG_WORDS } from "./lexicon.js";

/**
 * The entities a brief shows, typed from evidence in the text rather than from capitalisation alone.
 * The analysis keeps every capitalised run (attribution and question answering look names up
 * there); what a reader sees is only what the text shows to be a person, organisation or place:
 *
 * - events and occasions are none of the three ("State of the Union", "the Democratic Convention",
 *   "Ramadan"), nor are compounds of two names ("the Biden-Netanyahu relationship");
 * - a lone word the text only ever capitalises where any word is capitalised (a sentence's or a
 *   quote's first word: "Traffic", "Engineers") or uses as an adjective ("Muslim holy month") is
 *   not a name, and neither are nationality or religion words ("Americans", "Muslim");
 * - streets, squares, parks, bridges, stadiums are places, not organisations ("Fifth Street").
 */

const EVENT_WORDS = new Set(
  "Convention Conference Summit War Debate Debates Games Olympics Festival Forum Expo Address Election Elections Primary Primaries Caucuses Day Week Month Year Cup Championship Championships Marathon Awards Oscars Gala Fair Show Crisis Spring Revolution".split(
    " ",
  ),
);
const OCCASIONS = new Set(
  "Ramadan Eid Christmas Easter Hanukkah Passover Thanksgiving Diwali Lent Advent Halloween Purim Sukkot Kwanzaa".split(
    " ",
  ),
);
const PLACE_WORDS = new Set(
  "Street St. Avenue Ave. Road Rd. Boulevard Lane Drive Square Park Bridge Stadium Arena Airport Station Plaza Harbour Harbor Port Beach Valley River Lake Mountain Mountains Island Islands Strait Sea Ocean Gulf Bay Canyon Heights Hill Hills Coast".split(
    " ",
  ),
);
const NATIONALITY_OR_FAITH =
  /^(?:[A-Z][a-z]+(?:ans?|ians?|eans?|ese|ish|is|ic|ch|i)|Muslims?|Christians?|Jews?|Jewish|Catholics?|Protestants?|Hindus?|Buddhists?|Sikhs?|Arabs?|Islamic|Evangelicals?|Mormons?|Latinos?|Latinas?|Hispanics?|Blacks?|Whites?)$/;
const EVENT_NAME = /^State of the Union$/;

/** Where a word is capitalised whatever it is: the text's start, after . ! ? : or an opening quote. */
function atCapitalisedPosition(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 4), start);
  return start === 0 || /(?:^|[.!?:;]\s*|["“‘'(\u2014-]\s*|\n\s*)$/.test(before);
}

/** In the list of the most frequent English words (not a rare word, which names usually are). */
function isCommonWord(word: string): boolean {
  return commonWordWeight(stem(word.toLowerCase())) < 1;
}

/** "Broad Street", "Lake Mead": a name whose last word makes it a place, whatever it was typed. */
export function namesAPlace(name: string): boolean {
  const words = name.split(/\s+/);
  return words.length > 1 && PLACE_WORDS.has(words.at(-1)!);
}

function typeFromWords(e: Entity): EntityType | null {
  const words = e.name.split(/\s+/);
  const last = words.at(-1)!;
  if (EVENT_NAME.test(e.name) || (words.length > 1 && EVENT_WORDS.has(last)) || OCCASIONS.has(e.name))
    return null;
  if (namesAPlace(e.name)) return "place";
  return e.type;
}

export function entitiesShown(entities: Entity[], mentions: Mention[], text: string): Entity[] {
  const byEntity = new Map<number, Mention[]>();
  for (const m of mentions) {
    const list = byEntity.get(m.entity);
    if (list) list.push(m);
    else byEntity.set(m.entity, [m]);
  }
  const personNames = new Set<string>();
  for (const e of entities) {
    if (e.type !== "person") continue;
    for (const form of [e.name, ...e.aliases]) for (const w of form.split(/\s+/)) personNames.add(w);
  }
  const out: Entity[] = [];
  entities.forEach((e, i) => {
    if (e.name === "") return;
    // "Biden-Netanyahu": two people joined to qualify a noun, not a third entity.
    const parts = e.name.split("-");
    if (parts.length > 1 && parts.every((p) => personNames.has(p))) return;
    const type = typeFromWords(e);
    if (type === null) return;
    if (!e.name.includes(" ") && e.type !== "person" && !ACRONYM.test(e.name)) {
      if (NATIONALITY_OR_FAITH.test(e.name) && !ORG_WORDS.has(e.name)) return;
      const seen = byEntity.get(i) ?? [];
      const asName = seen.filter((m) => !m.modifier && !atCapitalisedPosition(text, m.start));
      if (!ORG_WORDS.has(e.name) && asName.length === 0) return;
    }
    // "Engineers said …" at a sentence's start: an ordinary English word that speaks is still not a
    // person's name unless the text also capitalises it where nothing else would be.
    if (!e.name.includes(" ") && e.type === "person" && isCommonWord(e.name) && e.aliases.length === 0) {
      const seen = byEntity.get(i) ?? [];
      if (seen.every((m) => atCapitalisedPosition(text, m.start))) return;
    }
    out.push(type === e.type ? e : { ...e, type });
  });
  return out.sort((a, b) => b.sentences.length - a.sentences.length);
}
