import type { Entity } from "../types.js";
import { linkDescription, RECENT_SPEAKERS, resolveIt } from "./back-references.js";
import { type EntityAnalysis, mentionIndexAt } from "./entities.js";
import { NOT_NAMES, ORG_WORDS, TITLES } from "./lexicon.js";
import { roleOfTitle, titleLength } from "./person-name.js";

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

// Words that show a clause or a phrase, not a subject, before a name.
const CLAUSE_WORD =
  / (?:of|in|on|at|to|for|with|by|from|that|which|who|after|before|when|while|said|says|told|is|was|are|were|has|had|have|will|would|could|and|or|but|as|about|than|if)\s/i;
const DAY_OR_MONTH =
  "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)";
const TIME_AFTER = new RegExp(
  String.raw`\s+(?:(?:on|last|this|later|earlier|late|early)\s+)*${DAY_OR_MONTH}(?:\s+\d{1,2})?(?:\s+(?:morning|afternoon|evening|night))?$`,
  "u",
);
const TIME_BEFORE = new RegExp(
  String.raw`^(?:(?:On|Last|This|Late|Early)\s+)?${DAY_OR_MONTH}(?:\s+\d{1,2})?,?\s+`,
  "u",
);
const SPOKE_BONUS = 0.5;
// A name followed by a speech verb, perhaps after "of New York" and an appositive.
const REPORTS_SPEECH =
  /^(?:\s+of\s+\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)*)?(?:\s*\([^)]{1,20}\))?\s*(?:,[^,]{1,120},\s*)?(?:[a-z]+ly\s+)?(?:said|says|told|tells|added|argued|explained|insisted|noted|suggested|wrote|writes|stressed|warned|contended|claimed|acknowledged|recalled|replied|responded|agreed)\b/u;
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
    const titleWords = [...words.slice(0, k), ...capital.slice(0, t)];
    while (titleWords.length && /^(a|an|the)$/i.test(titleWords[0])) titleWords.shift();
    const name = nameWords.join(" ");
    const entityIdx = findEntity(ctx.analysis.entities, name);
    const entity = entityIdx !== undefined ? ctx.analysis.entities[entityIdx] : undefined;
    const titleRole = roleOfTitle(titleWords.join(" ") || undefined);
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

/**
 * "He"/"she": the most recent compatible person before the quote (subjects of sentences preferred,
 * names inside quotations skipped), or the previous quote's speaker when nobody intervened.
 */
function resolvePronoun(g: "m" | "f" | "p", at: number, ctx: ResolveContext): Speaker | null {
  const { analysis, text } = ctx;
  const here = ctx.sentenceOf(at);
  const compatible = (gender: "m" | "f" | undefined) => g === "p" || gender === undefined || gender === g;
  // Only recent speakers matter, and bounding them keeps long texts linear.
  const recent = ctx.previous.slice(-RECENT_SPEAKERS);
  const spokeBefore = new Set(recent.map((p) => p.entity).filter((e) => e !== undefined));
  const lastSpeaker = recent[recent.length - 1]?.entity;
  const lastSpokeAt = recent[recent.length - 1]?.at ?? -1;
  let best: Speaker | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  let bestDistance = 0;
  // The best score of each candidate, by who it is: the winner's lead over the others is its margin.
  const scoreOf = new Map<string, number>();
  const consider = (candidate: Speaker, pos: number, bonus: number, mentionRole?: string) => {
    const dist = here - ctx.sentenceOf(pos);
    if (dist < 0 || dist > 8) return;
    let score = -dist + bonus;
    score += subjectWeight(text, pos, ctx.sentenceStart(pos), mentionRole);
    if (candidate.gender && g !== "p" && candidate.gender === g) score += 0.5;
    if (candidate.role) score += 0.3;
    const key = candidate.entity !== undefined ? `#${candidate.entity}` : candidate.name;
    scoreOf.set(key, Math.max(scoreOf.get(key) ?? Number.NEGATIVE_INFINITY, score));
    if (score > bestScore || (score === bestScore && best && pos >= best.at)) {
      bestScore = score;
      best = { ...candidate, at: pos };
      bestDistance = dist;
    }
  };
  for (let i = mentionIndexAt(analysis.mentions, at) - 1; i >= 0; i--) {
    const m = analysis.mentions[i];
    if (here - ctx.sentenceOf(m.start) > 8) break;
    if (ctx.insideQuote(m.start) || m.modifier) continue;
    if (g === "p" ? m.type !== "organisation" : m.type !== "person") continue;
    // A single unknown capitalised word is a weak person: it needs to be much nearer to win.
    const weak = g !== "p" && !analysis.personEvidence.has(m.entity) && !m.name.includes(" ");
    // "Trump" after "Ivanka Trump" and "Donald Trump": "she" picks the one that agrees.
    const entity = compatible(analysis.gender.get(m.entity))
      ? m.entity
      : m.alternatives?.find((a) => analysis.gender.get(a) === g);
    if (entity === undefined) continue;
    const gender = analysis.gender.get(entity);
    const e = analysis.entities[entity];
    const kind = e.type === "person" ? "person" : "organisation";
    // Reported speech ("Lee Zeldin, a Trump supporter, said it will help …") after the last quote
    // makes its subject the current speaker, just as a quote would.
    const reports = m.start > lastSpokeAt && REPORTS_SPEECH.test(text.slice(m.end, m.end + 160));
    const spoke = entity === lastSpeaker || reports ? 1 : spokeBefore.has(entity) ? SPOKE_BONUS : 0;
    consider(
      { name: e.name, role: e.role ?? m.role, entity, kind, gender, at: m.start },
      m.start,
      spoke - (weak ? 1 : 0),
      m.role,
    );
  }
  for (const p of recent) {
    if (p.at >= at || !compatible(p.gender)) continue;
    if (g !== "p" && p.kind === "organisation") continue;
    if (g === "p" && p.kind === "person") continue;
    consider(p, p.at, p === recent[recent.length - 1] ? 1 : 0);
  }
  const chosen = best as Speaker | null;
  if (!chosen) return null;
  if (g !== "p" && chosen.entity !== undefined && !analysis.gender.has(chosen.entity))
    analysis.gender.set(chosen.entity, g);
  const chosenKey = chosen.entity !== undefined ? `#${chosen.entity}` : chosen.name;
  let runnerUp = Number.NEGATIVE_INFINITY;
  for (const [key, score] of scoreOf) if (key !== chosenKey && score > runnerUp) runnerUp = score;
  return {
    ...chosen,
    gender: g === "p" ? chosen.gender : g,
    at,
    lead: bestScore - runnerUp,
    sentencesBack: bestDistance,
  };
}

/**
 * How much a mention looks like the subject: 2 when it opens its sentence (after an introductory
 * phrase), 1 when a verb follows it inside the sentence, 0 otherwise.
 */
function subjectWeight(text: string, pos: number, sentenceStart: number, role?: string): number {
  let before = text.slice(sentenceStart, pos);
  // "Former federal prosecutor Glen Kopp said": the role written before a name is part of the subject.
  if (role && before.trimEnd().endsWith(role)) before = before.trimEnd().slice(0, -role.length);
  const after = text.slice(pos, pos + 120).replace(/^[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]*)*/u, "");
  const verbFollows =
    /^(?:,[^,]{1,80},)?\s+(?:[a-z]+ly\s+)?(?:said|says|told|[a-z]+ed|[a-z]+s|has|had|is|was|will|would|can|could)\b/.test(
      after,
    );
  // An owner is not the subject: "Trump's misinformation may be …", "Clinton's position was …".
  if (/^(?:\p{Lu}[\p{L}.-]*\s+){0,3}\p{Lu}[\p{L}.-]*['’]s?\s/u.test(text.slice(pos, pos + 80))) return 0;
  if (/^["'(]?(?:(?:the|a|an|[Tt]he|An?)\s+)?(?:\p{Lu}[\p{L}.]*\s+){0,3}$/u.test(before)) return 2;
  // After an introductory phrase ("Asked whether …, Michael Briggs … suggested") when a verb follows.
  if (/^[^,]{0,150},\s*(?:\p{Lu}[\p{L}.]*\s+){0,3}$/u.test(before) && (verbFollows || before.length <= 52))
    return 2;
  // "Then there's Axelrod." introduces the next speaker.
  if (/^(?:(?:Then|And|But)\s+)?[Tt]here(?:'s|’s| is| was)\s+$/u.test(before)) return 2;
  // A few role words before the name ("Florida developer Mel Sembler expressed", "his wife, Jane, called").
  const lead = before
    .replace(/^[^,]{0,150},\s*/u, "")
    .replace(/^(?:And|But|So)\s+/u, "")
    .replace(/^(?:his|her|their)\s+[\p{L}-]+,\s*$/u, "");
  if (verbFollows && lead.split(/\s+/).filter(Boolean).length <= 4 && !CLAUSE_WORD.test(` ${lead} `))
    return 2;
  return verbFollows ? 1 : 0;
}
