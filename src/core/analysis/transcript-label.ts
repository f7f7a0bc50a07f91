import type { Entity } from "../types.js";
import type { Speaker } from "./attribution.js";
import { ROLE_NOUNS } from "./lexicon.js";

/**
 * Interview and debate transcripts name the speaker at the start of each turn: "SMITH: Well, …",
 * "Lopez: I want to be clear …", "MODERATOR: Governor, …". A quote inside such a turn with no
 * attribution of its own is that speaker's words, linked to the fullest name the article gives.
 *
 * The label is one to three capitalised words and a colon opening the paragraph, followed by the
 * turn's words — never a heading on a line of its own, a dateline or a time ("UPDATE:", "10:30").
 */
const LABEL = /^((?:\p{Lu}[\p{L}'’.-]*)(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}):\s+\S/u;
const NOT_LABELS = new Set(
  "UPDATE UPDATED CORRECTION NOTE EDITOR'S EDITOR WATCH READ MORE RELATED PHOTO VIDEO CLAIM VERDICT FACT CHECK BREAKING Q A".split(
    " ",
  ),
);

// Roles that label turns in transcripts besides the role nouns of news ("the moderator").
const TURN_ROLES = new Set(
  "moderator interviewer questioner audience caller panelist panellist participant announcer narrator voice crowd unidentified male female speaker".split(
    " ",
  ),
);

/** "MCCAIN" → "McCain", "O'ROURKE" → "O'Rourke", "SMITH-JONES" → "Smith-Jones". */
function nameCase(word: string): string {
  return word
    .toLowerCase()
    .replace(/(^|['’-])(\p{Ll})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase())
    .replace(/^(Mc)(\p{Ll})/u, (_m, prefix: string, letter: string) => prefix + letter.toUpperCase());
}

/** The speaker a paragraph's turn label names, or null when the paragraph has no label. */
export function transcriptSpeaker(
  paragraph: string,
  at: number,
  entities: Entity[],
  gender: ReadonlyMap<number, "m" | "f">,
): Speaker | null {
  const m = LABEL.exec(paragraph);
  if (!m) return null;
  const label = m[1]!;
  const words = label.split(/\s+/);
  if (words.some((w) => NOT_LABELS.has(w.toUpperCase().replace(/[.:]$/, "")))) return null;
  const wanted = words.map((w) => w.toLowerCase());
  const last = wanted.at(-1)!;
  // The person whose name (or an alias) ends with the label's last word: "SMITH" → "John Smith".
  // (Not the label itself, which the entity analysis may have taken for a name: "AUDIENCE MEMBER".)
  const index = entities.findIndex(
    (e) =>
      e.type === "person" &&
      e.name !== label &&
      [e.name, ...e.aliases].some((form) => form.toLowerCase().split(/\s+/).at(-1) === last),
  );
  // With its gender, so "she added" later in the turn does not land on a man named in it.
  if (index >= 0)
    return { name: entities[index]!.name, entity: index, kind: "person", gender: gender.get(index), at };
  // "MODERATOR", "AUDIENCE MEMBER": a role, shown as the article's readers would say it.
  const allCaps = label === label.toUpperCase();
  if (allCaps && (ROLE_NOUNS.has(last) || TURN_ROLES.has(last)))
    return { name: `the ${label.toLowerCase()}`, kind: "description", at };
  // A name the article gives no fuller form of ("SMITH") stays a name, in its natural case ("Smith").
  const name = allCaps ? words.map(nameCase).join(" ") : label;
  return { name, kind: "person", at };
}
