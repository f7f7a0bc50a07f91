import type { Entity, PreparedText } from "../types.js";
import type { Mention } from "./entities.js";
import { ACRONYM } from "./entity-spans.js";

/**
 * Passes over the whole story after the names are read: headlines to skip, nicknames to link
 * ("Bibi" → Benjamin Netanyahu), and lone words first read as organisations that are people.
 */

const SMALL_WORDS = /^(?:a|an|the|and|or|of|in|on|at|to|for|by|with|as|is|vs\.?|from)$/;

/** Short paragraphs written in Title Case (headlines, subheads). */
export function titleCaseParagraphs(prepared: PreparedText): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const p of prepared.paragraphs) {
    if (p.end - p.start > 200) continue;
    const words = prepared.text
      .slice(p.start, p.end)
      .split(/\s+/)
      .filter((w) => /\p{L}/u.test(w) && !SMALL_WORDS.test(w));
    if (words.length < 4) continue;
    const capitalised = words.filter((w) => /^[^\p{L}]*\p{Lu}/u.test(w)).length;
    if (capitalised / words.length >= 0.85) out.push({ start: p.start, end: p.end });
  }
  return out;
}

/**
 * "Bibi", "using Netanyahu's popular nickname" / "nicknamed Bibi" / "known as Bibi": the
 * nickname becomes an alias of the person the sentence names as its owner.
 */
export function linkNicknames(prepared: PreparedText, entities: Entity[], mentions: Mention[]): void {
  for (const s of prepared.sentences) {
    if (!/nickname|known as|dubbed/i.test(s.text)) continue;
    const owner = s.text.match(/([\p{Lu}][\p{L}-]+)'s? (?:[\p{L}-]+ ){0,2}nickname/u);
    // One word, not the start of a longer name ("the contests known as Super Tuesday").
    const named = s.text.match(/(?:nicknamed|known as|dubbed) "?([\p{Lu}][\p{L}-]+)(?![\p{L}-]|\s+\p{Lu})/u);
    const inSentence = mentions.filter((m) => m.start >= s.start && m.end <= s.end);
    if (owner) {
      const ownerIdx = inSentence.find(
        (m) => m.name === owner[1] || entities[m.entity].name.endsWith(owner[1]),
      );
      const nick = inSentence.find(
        (m) => ownerIdx && m.entity !== ownerIdx.entity && m.name.split(" ").length === 1,
      );
      if (ownerIdx && nick && isLoneWord(entities[nick.entity]))
        mergeInto(entities, mentions, nick.entity, ownerIdx.entity);
    } else if (named) {
      const nick = inSentence.find((m) => m.name === named[1]);
      const prev = [...mentions]
        .reverse()
        .find((m) => m.end <= (nick?.start ?? 0) && m.type === "person" && m.entity !== nick?.entity);
      if (nick && prev && isLoneWord(entities[nick.entity]))
        mergeInto(entities, mentions, nick.entity, prev.entity);
    }
  }
}

/**
 * A lone word first read as an organisation ("And Obama, for all the progress …") is the person
 * when the story elsewhere shows that word to be a person ("Obama said", "Barack Obama").
 */
export function mergeLoneWordsIntoPeople(
  entities: Entity[],
  mentions: Mention[],
  gender: Map<number, "m" | "f">,
  personEvidence: Set<number>,
): void {
  const people = new Map<string, number>();
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    if (e.type !== "person" || e.name === "") continue;
    const parts = e.name.split(" ");
    const surname = parts[parts.length - 1];
    // A bare name that speaks beats a full name sharing its last word only when no full name exists.
    if (!people.has(e.name)) people.set(e.name, i);
    if (parts.length > 1 && !people.has(surname)) people.set(surname, i);
  }
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    if (e.type !== "organisation" || e.name.includes(" ") || ACRONYM.test(e.name)) continue;
    const person = people.get(e.name);
    if (person === undefined || person === i) continue;
    for (const m of mentions) if (m.entity === i) m.type = "person";
    mergeInto(entities, mentions, i, person);
    if (gender.has(i) && !gender.has(person)) gender.set(person, gender.get(i) as "m" | "f");
    if (personEvidence.has(i)) personEvidence.add(person);
  }
}

/**
 * A nickname is a lone word the story uses on its own, never an entity that already holds other
 * names: merging one of those would chain every person a run of such sentences touches into one.
 */
function isLoneWord(e: Entity): boolean {
  return !e.name.includes(" ") && e.aliases.length === 0;
}

function mergeInto(entities: Entity[], mentions: Mention[], from: number, to: number): void {
  const source = entities[from];
  const target = entities[to];
  for (const a of [source.name, ...source.aliases])
    if (a !== target.name && !target.aliases.includes(a)) target.aliases.push(a);
  target.sentences = [...new Set([...target.sentences, ...source.sentences])].sort((a, b) => a - b);
  source.aliases = [];
  source.sentences = [];
  source.name = "";
  for (const m of mentions) if (m.entity === from) m.entity = to;
}
