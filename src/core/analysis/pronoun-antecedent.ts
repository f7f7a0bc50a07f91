import type { ResolveContext, Speaker } from "./attribution.js";
import { RECENT_SPEAKERS } from "./back-references.js";
import { mentionIndexAt } from "./entities.js";
import { namesAPlace } from "./entity-evidence.js";
import { verbAfterName } from "./verb-after-name.js";

// Resolving "he", "she" and "they" next to a quote to the person or organisation they stand for.

// Words that show a clause or a phrase, not a subject, before a name.
const CLAUSE_WORD =
  / (?:of|in|on|at|to|for|with|by|from|that|which|who|after|before|when|while|said|says|told|is|was|are|were|has|had|have|will|would|could|and|or|but|as|about|than|if)\s/i;

const SPOKE_BONUS = 0.5;
// Paraphrase attributed after the fact, a few words of role before the name: `…, said former aide
// Ann Roe`, `according to a post from Ann Roe` (not `Trump said Clinton …`, whose name is the object).
const SPEECH_BEFORE = /(?:,["”]?\s+(?:said|says)|\baccording to)\s+(?:[\p{L}.'’-]+\s+){0,6}$/u;
// …where the words between are a role ("former aide"), not a clause ("says he didn't know much about").
const CLAUSE_BETWEEN =
  /\s(?:he|she|they|it|we|i|you|that|this|these|those|about|to|with|for|on|in|at|by|not|no|what|how|why|whether|if|when|there|was|is|are|were|would|will|could|should|can|do|does|did|has|have|had|been|be|[a-z]+n't)\s/i;
// …and the name ends the clause: "…, said Ann Roe, director of …" / "said Roe." / "said Roe in a statement".
const CLAUSE_END_AFTER = /^(?:\s*[,.;:)]|\s*$|\s+(?:of|in|on|at|during|who|via)\b)/;

function saidBefore(text: string, from: number, m: { start: number; end: number }): boolean {
  const before = text.slice(Math.max(from, m.start - 80), m.start);
  const verb = SPEECH_BEFORE.exec(before);
  if (!verb || CLAUSE_BETWEEN.test(` ${verb[0].replace(/^\S+\s+\S+/, "")} `)) return false;
  return CLAUSE_END_AFTER.test(text.slice(m.end, m.end + 12));
}

// A name followed by a speech verb, perhaps after "of New York" and an appositive.
const REPORTS_SPEECH =
  /^(?:\s+of\s+\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)*)?(?:\s*\([^)]{1,20}\))?\s*(?:,[^,]{1,120},\s*)?(?:[a-z]+ly\s+)?(?:said|says|told|tells|added|argued|explained|insisted|noted|suggested|wrote|writes|stressed|warned|contended|claimed|acknowledged|recalled|replied|responded|agreed)\b/u;

/**
 * "He"/"she": the most recent compatible person before the quote (subjects of sentences preferred,
 * names inside quotations skipped), or the previous quote's speaker when nobody intervened.
 */
export function resolvePronoun(g: "m" | "f" | "p", at: number, ctx: ResolveContext): Speaker | null {
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
  // `mention`: where the name is written (its role, its end, whether a speech verb introduces it).
  const consider = (
    candidate: Speaker,
    pos: number,
    bonus: number,
    mention?: { role?: string; end: number; saidBefore: boolean },
  ) => {
    const dist = here - ctx.sentenceOf(pos);
    if (dist < 0 || dist > 8) return;
    let score = -dist + bonus;
    const before = text.slice(ctx.sentenceStart(pos), pos);
    const verb = mention !== undefined && verbAfterName(analysis.tokens, mention.end, /,[^,]*$/.test(before));
    // "…, said James Henson, director of …": the name a speech verb introduces is its subject.
    score += mention?.saidBefore ? 2 : subjectWeight(text, pos, ctx.sentenceStart(pos), mention?.role, verb);
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
    // "As they made their way down Broad Street, they chanted": a street is where, never who.
    if (g === "p" && namesAPlace(m.name)) continue;
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
    // So does the name after the verb: "…, said James Henson, director of …", "according to a post
    // from Arianna Huffington".
    const said = saidBefore(text, ctx.sentenceStart(m.start), m);
    const reports = m.start > lastSpokeAt && (said || REPORTS_SPEECH.test(text.slice(m.end, m.end + 160)));
    const spoke = entity === lastSpeaker || reports ? 1 : spokeBefore.has(entity) ? SPOKE_BONUS : 0;
    consider(
      { name: e.name, role: e.role ?? m.role, entity, kind, gender, at: m.start },
      m.start,
      spoke - (weak ? 1 : 0),
      { role: m.role, end: m.end, saidBefore: said },
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
function subjectWeight(
  text: string,
  pos: number,
  sentenceStart: number,
  role?: string,
  verbAfterName?: boolean,
): number {
  let before = text.slice(sentenceStart, pos);
  // "Former federal prosecutor Glen Kopp said": the role written before a name is part of the subject.
  if (role && before.trimEnd().endsWith(role)) before = before.trimEnd().slice(0, -role.length);
  const after = text.slice(pos, pos + 120).replace(/^[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]*)*/u, "");
  const verbFollows =
    verbAfterName ||
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
