import {
  asQuestion,
  invertClause,
  isPronoun,
  lowerIfCommon,
  phraseAfter,
  subjectBefore,
  wordCount,
} from "./open-questions-phrasing.js";

/**
 * The hedges and unresolved-state cues of news writing, each with the question it raises.
 * A cue is general English ("has yet to", "hopes … have faded", "cast doubt on", "unclear
 * whether", "poised to"), never a phrase from one article.
 */

export interface CueContext {
  /** The sentence text. */
  text: string;
  /** Words the article capitalises mid-sentence (names), for casing subjects. */
  properNouns: ReadonlySet<string>;
  /** Replaces a pronoun subject by the person it most likely refers to, if known. */
  resolvePronoun(pronoun: string): string | undefined;
}

export interface Cue {
  kind: string;
  /** Higher first: how surely the cue marks something unresolved. */
  strength: number;
  pattern: RegExp;
  build(m: RegExpExecArray, ctx: CueContext): string | undefined;
}

const NEGOTIATION_HEADS = /\b(?:talks|negotiations|discussions|efforts?|bid|push|mediation|diplomacy)\b/i;

/** A subject fit for a question, or undefined: pronouns resolved or refused, names kept capitalised. */
function questionSubject(raw: string | undefined, ctx: CueContext): string | undefined {
  if (!raw) return undefined;
  if (isPronoun(raw)) {
    const resolved = ctx.resolvePronoun(raw);
    return resolved;
  }
  return lowerIfCommon(raw, ctx.properNouns);
}

/** "S has yet to V …", "S is poised/expected/set to V …", "S must V …" → "Will S V …?" */
const futureCue: Cue = {
  kind: "future",
  strength: 3,
  pattern:
    /\b(?:has|have|had) yet to|\b(?:is|are|was|were|appears?|seems?) (?:still |now )?(?:poised|set|expected|likely|unlikely|due|scheduled|slated|set|hoping|preparing|planning|threatening|racing|struggling|scrambling|trying) to|\bpoised to/gi,
  build(m, ctx) {
    const subject = questionSubject(subjectBefore(ctx.text, m.index), ctx);
    const verbPhrase = phraseAfter(ctx.text, m.index + m[0].length);
    if (!subject || !verbPhrase || wordCount(verbPhrase) < 2) return undefined;
    return asQuestion(`Will ${subject} ${verbPhrase}`);
  },
};

/** "Talks … remain halting", "a deal appeared to be stalled" → "Will … succeed / go ahead?" */
const stalledCue: Cue = {
  kind: "stalled",
  strength: 4,
  pattern:
    /\b(?:remains?|remained|appears? to be|appeared to be|seems? to be|seemed to be|is|are|was|were|has been|have been) (?:still |largely |now )?(?:halting|stalled|deadlocked|stuck|on hold|in limbo|in doubt|unresolved|elusive|up in the air|in jeopardy|at an impasse|frozen|suspended|pending|undecided|in the balance)\b/gi,
  build(m, ctx) {
    const subject = questionSubject(subjectBefore(ctx.text, m.index), ctx);
    if (!subject || wordCount(subject) < 2) return undefined;
    const outcome = NEGOTIATION_HEADS.test(subject) ? "succeed" : "go ahead";
    return asQuestion(`Will ${subject} ${outcome}`);
  },
};

/** "Talks on X are continuing / will resume" → "Will talks on X succeed?" (negotiations only). */
const ongoingTalksCue: Cue = {
  kind: "ongoing-talks",
  strength: 3,
  pattern:
    /\b(?:(?:is|are|was|were|remains?) (?:still )?(?:ongoing|continuing|under way|underway)|(?:continues?|continued|(?:will|would|are set to|are due to) resume|resumed)\b)/gi,
  build(m, ctx) {
    const subject = questionSubject(subjectBefore(ctx.text, m.index), ctx);
    if (!subject || wordCount(subject) < 2 || !NEGOTIATION_HEADS.test(subject)) return undefined;
    return asQuestion(`Will ${subject} succeed`);
  },
};

/** "a March 1 deadline to pass the budget" → "Will the March 1 deadline to pass the budget be met?" */
const deadlineCue: Cue = {
  kind: "deadline",
  strength: 3,
  pattern:
    /\b(?:a|an|the|its|their|his|her|this|next|Friday's|Monday's|Tuesday's|Wednesday's|Thursday's|Saturday's|Sunday's) ((?:[\w'’-]+ ){0,4}?deadlines?\b(?: (?:to|for|of|on) [^,.;:!?"]{3,80})?)/g,
  build(m, ctx) {
    // A deadline that has already passed or been met is not open.
    if (
      /\b(?:missed|passed|met|expired|ended|lapsed)\b/i.test(
        ctx.text.slice(Math.max(0, m.index - 40), m.index),
      )
    ) {
      return undefined;
    }
    const what = m[1].trim();
    if (wordCount(what) > 20) return undefined;
    return asQuestion(`Will the ${what} be met`);
  },
};

/** "hopes for X have faded" → "Is X still possible?" */
const fadingHopesCue: Cue = {
  kind: "fading-hopes",
  strength: 5,
  pattern:
    /\bhopes? (?:for|of) (.{3,140}?) (?:have|has|had|are|were|is) (?:now |all but )?(?:faded|fading|dimmed|dimming|receded|receding|diminished|evaporated|waned|waning|vanished|dwindled|dwindling|slipped away)\b/gi,
  build(m) {
    const what = m[1].trim();
    if (wordCount(what) > 20 || /[;:"]/.test(what)) return undefined;
    return asQuestion(`Is ${what} still possible`);
  },
};

const PROSPECT = /^(?:the )?(?:prospects?|possibility|chances?|likelihood|hopes?) (?:of|for) /i;

/** "cast doubt on X", "raised questions about X" → "Is there still a chance of X?" / "Will the doubts … be settled?" */
const doubtCue: Cue = {
  kind: "doubt",
  strength: 5,
  pattern:
    /\b(?:cast|casts|casting|raised?|raises|raising|threw|throws|throwing) (?:new |fresh |serious |further |more )?(?:doubts?|questions?|uncertainty) (?:on|over|about|into) /gi,
  build(m, ctx) {
    const what = phraseAfter(ctx.text, m.index + m[0].length);
    if (!what) return undefined;
    const lowered = lowerIfCommon(what, ctx.properNouns);
    if (/^whether /i.test(lowered)) return whetherQuestion(lowered.slice(8), ctx);
    if (PROSPECT.test(lowered))
      return asQuestion(`Is there still a chance of ${lowered.replace(PROSPECT, "")}`);
    const noun = /questions?/i.test(m[0]) ? "questions" : "doubts";
    return asQuestion(`Will the ${noun} about ${lowered} be settled`);
  },
};

/** "whether the deal will pass" → "Will the deal pass?"; a pronoun nobody can resolve → nothing. */
function whetherQuestion(clause: string, ctx: CueContext): string | undefined {
  // "whether he would have attended": a counterfactual past, not an open point.
  if (/\b(?:would|could|might|should) have\b/i.test(clause)) return undefined;
  const inverted = invertClause(clause, ctx.resolvePronoun);
  if (inverted) return asQuestion(inverted);
  const first = clause.match(/^\S+/)?.[0] ?? "";
  if (isPronoun(first)) return undefined;
  return asQuestion(`Is it known whether ${clause}`);
}

/** "It is unclear whether/how/when …", "remains to be seen whether …" → the embedded question. */
const unclearCue: Cue = {
  kind: "unclear",
  strength: 4,
  pattern:
    /\b(?:unclear|not clear|uncertain|unknown|not known|to be seen|undecided|an open question|no word on|(?:did not|didn't|would not|wouldn't|declined to|refused to|could not|couldn't) (?:say|specify|disclose|confirm))\b,? (whether|if|how|when|why|what|who|where|which) /gi,
  build(m, ctx) {
    const clause = phraseAfter(ctx.text, m.index + m[0].length);
    if (!clause) return undefined;
    const wh = m[1].toLowerCase();
    if (wh === "whether" || wh === "if") return whetherQuestion(clause, ctx);
    // "who/what/which …" and "how many/much …" are usually the subject themselves: no inversion.
    // "how loyal/long/soon …": the wh-phrase runs on, so only a clause opening with a name or a
    // determiner ("how the money …") is inverted.
    const subjectQuestion =
      /^(?:who|what|which)$/.test(wh) ||
      (wh === "how" && !/^(?:the|a|an|this|that|these|those|his|her|their|its|our|\p{Lu})/u.test(clause));
    const inverted = subjectQuestion ? undefined : invertClause(clause, ctx.resolvePronoun);
    if (inverted) return asQuestion(`${wh} ${inverted[0].toLowerCase()}${inverted.slice(1)}`);
    return asQuestion(`Is it known ${wh} ${clause}`);
  },
};

/** A bare "whether" after a decision verb: "officials are weighing whether to …". */
const whetherCue: Cue = {
  kind: "whether",
  strength: 2,
  pattern:
    /\b(?:decide|decides|deciding|determine|determines|determining|weigh|weighs|weighing|consider|considers|considering|debate|debating|review|reviewing|examine|examining|assess|assessing|question|questioning)s? (whether|if) /gi,
  build(m, ctx) {
    const clause = phraseAfter(ctx.text, m.index + m[0].length);
    if (!clause || /^or not\b/i.test(clause)) return undefined;
    if (/^to /i.test(clause)) {
      // The subject sits before the auxiliary: "The ministry [is] weighing whether to …".
      const aux = /\b(?:is|are|was|were|has been|have been|had been)\s+(?:still\s+|now\s+)?$/i.exec(
        ctx.text.slice(0, m.index),
      );
      const subject = questionSubject(subjectBefore(ctx.text, aux ? aux.index : m.index), ctx);
      const action = clause.slice(3);
      return asQuestion(subject ? `Will ${subject} ${action}` : `Is it settled whether to ${action}`);
    }
    return whetherQuestion(clause, ctx);
  },
};

/** "S could/may/might V …" (an uncertain outcome) → "Could S V …?" Weak: modals are common. */
const modalCue: Cue = {
  kind: "modal",
  strength: 1,
  // Lower case only: "May" is also a month.
  pattern: /\b(could|may)\b(?! (?:not|have|also|well|be (?:seen|heard|found|used|reached)|never))/g,
  build(m, ctx) {
    // "X may be …, but …" concedes a point; it does not leave one open.
    if (/,? but\b/.test(ctx.text.slice(m.index))) return undefined;
    const before = ctx.text.slice(0, m.index);
    if (/\b(?:and|or|but)\s*$/i.test(before)) return undefined;
    const raw = subjectBefore(ctx.text, m.index);
    if (!raw || /^(?:it|this|that|you|i|we)$/i.test(raw)) return undefined;
    const subject = questionSubject(raw, ctx);
    const verbPhrase = phraseAfter(ctx.text, m.index + m[0].length);
    if (!subject || !verbPhrase || wordCount(verbPhrase) < 3) return undefined;
    const modal = m[1].toLowerCase() === "could" ? "Could" : "Will";
    return asQuestion(`${modal} ${subject} ${verbPhrase}`);
  },
};

/** "S has not yet decided/named/…" → "Has S decided/named … yet?" */
const notYetCue: Cue = {
  kind: "not-yet",
  strength: 3,
  pattern:
    /\b(has|have|had) not (?:yet )?(decided|announced|confirmed|released|identified|determined|charged|named|set|disclosed|explained|said|approved|ruled|agreed)\b/gi,
  build(m, ctx) {
    const subject = questionSubject(subjectBefore(ctx.text, m.index), ctx);
    if (!subject) return undefined;
    const rest = phraseAfter(ctx.text, m.index + m[0].length) ?? "";
    if (/^(?:to )?(?:a )?(?:request|comment)/i.test(rest)) return undefined;
    const aux = m[1].toLowerCase() === "had" ? "Has" : m[1][0].toUpperCase() + m[1].slice(1).toLowerCase();
    return asQuestion(`${aux} ${subject} ${m[2].toLowerCase()} ${rest} yet`);
  },
};

/** "Police are investigating …", "an investigation is ongoing" → "What will the investigation find?" */
const investigationCue: Cue = {
  kind: "investigation",
  strength: 2,
  pattern:
    /\b(?:is|are|were|was) (?:still )?(?:investigating|probing|looking into)\b|\binvestigation (?:is|was|remains) (?:ongoing|continuing|under way|underway|open)\b/gi,
  build(m, ctx) {
    const object = phraseAfter(ctx.text, m.index + m[0].length);
    if (object && wordCount(object) >= 2 && wordCount(object) <= 16) {
      return asQuestion(`What will the investigation into ${lowerIfCommon(object, ctx.properNouns)} find`);
    }
    return asQuestion("What will the investigation find");
  },
};

/**
 * "concerned about violence in East Jerusalem if a deal isn't reached", "fears of a wider war":
 * a worry is an outcome nobody can rule out → "Will there be violence in East Jerusalem …?"
 * Only a noun phrase after about/over/of (a "that" clause would need rewording to ask).
 */
const worryCue: Cue = {
  kind: "worry",
  strength: 2,
  pattern:
    /\b(?:concerned|worried|anxious|nervous|fearful|alarmed)\s+(?:about|over|by)\s+|\b(?:concerns?|worries|fears?)\s+(?:about|over|of)\s+(?:a\s+|an\s+|the\s+)?/gi,
  build(m, ctx) {
    const object = phraseAfterWithCondition(ctx.text, m.index + m[0].length);
    if (!object || wordCount(object) < 2 || wordCount(object) > 18 || isPronoun(object.split(/\s+/)[0]!))
      return undefined;
    // "concerned about what comes next" / "about how …": already a question of its own.
    if (/^(?:what|how|whether|who|when|why|where|which|it|that|this)\b/i.test(object)) return undefined;
    return asQuestion(`Will there be ${lowerIfCommon(object, ctx.properNouns)}`);
  },
};

/** The phrase after `index`, keeping a condition that follows it ("… if a deal isn't reached"). */
function phraseAfterWithCondition(text: string, index: number): string | undefined {
  const head = phraseAfter(text, index);
  if (!head) return undefined;
  const rest = text.slice(index + text.slice(index).indexOf(head) + head.length);
  const condition = /^,?\s+(if|unless)\s/i.exec(rest);
  if (!condition) return head;
  const tail = phraseAfter(rest, condition[0].length);
  return tail ? `${head} ${condition[1]!.toLowerCase()} ${tail}` : head;
}

export const CUES: readonly Cue[] = [
  fadingHopesCue,
  doubtCue,
  stalledCue,
  unclearCue,
  deadlineCue,
  ongoingTalksCue,
  futureCue,
  notYetCue,
  whetherCue,
  investigationCue,
  worryCue,
  modalCue,
];

/** Cheap pre-filter: a sentence without any of these words raises no question (most don't). */
export const ANY_CUE =
  /\b(?:yet|poised|set|expected|likely|unlikely|due|scheduled|slated|must|needs?|has to|have to|remains?|remained|appears?|appeared|seems?|seemed|stalled|halting|hopes?|doubts?|questions?|uncertainty|unclear|clear|uncertain|unknown|known|seen|whether|if|could|may|might|investigating|probing|looking into|investigation|not|deadlines?|ongoing|continu\w*|under ?way|resumed?|declined|refused|concern\w*|worr\w*|fears?|anxious|nervous|alarmed)\b/i;
