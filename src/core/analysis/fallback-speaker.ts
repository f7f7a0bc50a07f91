import { sentenceAt } from "../text/prepare.js";
import type { PreparedText } from "../types.js";
import { type EntityAnalysis, mentionIndexAt } from "./entities.js";
import type { QuoteSpan } from "./quote-spans.js";
import type { Attribution } from "./speaker-evidence.js";

// When nothing next to the quote's marks names its speaker: the paragraph and the story so far.

// A name followed by its verb, perhaps after an appositive ("Mike Huckabee, the former governor, proposed").
const SUBJECT_OF_VERB =
  /^(?:\s*\([^)]{1,20}\))?(?:,[^,"]{1,70},)?\s+(?:[a-z]+ly\s+)?(?:[a-z]{3,}ed|said|told|wrote|says)\b/;

// "AUSTRALIAN OLYMPIC TEAM REFUSES TO STAY", "EBOLA SURVIVORS": a run of words in capitals is a
// headline or a shouted line, not someone's name.
function isHeadline(name: string): boolean {
  return name.split(/\s+/).length >= 2 && name === name.toUpperCase() && /\p{Lu}{2}/u.test(name);
}

type Mention = EntityAnalysis["mentions"][number];

/** The people a sentence names outside its quotes, and those of them that are the subject of a verb. */
interface SentencePeople {
  named: Mention[];
  subjects: Mention[];
}

// Per quote-span list (one extraction), per sentence: a sentence holding thousands of quotes that
// nothing attributes is read once, not once per quote.
const peopleBySentence = new WeakMap<QuoteSpan[], Map<number, SentencePeople>>();

function sentencePeople(
  prepared: PreparedText,
  spans: QuoteSpan[],
  sentence: { id: number; start: number; end: number },
  analysis: EntityAnalysis,
  insideQuote: (offset: number) => boolean,
): SentencePeople {
  let bySentence = peopleBySentence.get(spans);
  if (!bySentence) {
    bySentence = new Map();
    peopleBySentence.set(spans, bySentence);
  }
  const known = bySentence.get(sentence.id);
  if (known) return known;
  const mentions = analysis.mentions;
  const people: SentencePeople = { named: [], subjects: [] };
  for (
    let k = mentionIndexAt(mentions, sentence.start);
    k < mentions.length && mentions[k].start < sentence.end;
    k++
  ) {
    const m = mentions[k];
    if (insideQuote(m.start) || m.type !== "person" || isHeadline(m.name)) continue;
    people.named.push(m);
    if (SUBJECT_OF_VERB.test(prepared.text.slice(m.end, m.end + 90))) people.subjects.push(m);
  }
  bySentence.set(sentence.id, people);
  return people;
}

export function fallbackSpeaker(
  prepared: PreparedText,
  spans: QuoteSpan[],
  i: number,
  /** The nearest earlier quote that has a speaker (its index and attribution), if any. */
  last: { index: number; attribution: Attribution } | null,
  analysis: EntityAnalysis,
  insideQuote: (offset: number) => boolean,
): Attribution | null {
  const span = spans[i];
  // The previous quote of the same paragraph: "A," she said. "B." (The nearest attributed quote is
  // looked up, not searched for: a paragraph can hold thousands of unattributed marks.)
  // The same attribution goes on, so its evidence does too.
  if (last && spans[last.index].paragraph === span.paragraph) return last.attribution;
  // A person named in the sentence outside the quotes (partial quotes inside paraphrase).
  const sentence = sentenceAt(prepared, span.open);
  if (sentence) {
    // The nearest one before the quote that is the subject of a verb ("…, Santilli expressed a desire
    // to "…""), else the first one named.
    const people = sentencePeople(prepared, spans, sentence, analysis, insideQuote);
    const first = people.named[0];
    const subject = people.subjects[mentionIndexAt(people.subjects, span.open) - 1];
    const m = subject ?? first;
    if (m) {
      const e = analysis.entities[m.entity];
      return {
        speaker: { name: e.name, role: e.role, entity: m.entity, kind: "person", at: m.start },
        evidence: subject ? "sentence-subject" : "sentence-mention",
      };
    }
  }
  // A signature line after a quote-only paragraph: "— Bernie Sanders." / "-Michelle Marks, Philadelphia."
  const nextPara = prepared.paragraphs[span.paragraph + 1];
  if (nextPara) {
    const sig = prepared.text
      .slice(nextPara.start, Math.min(nextPara.end, nextPara.start + 80))
      .match(/^[-\u2014]\s*((?:[\p{Lu}][\p{L}'.-]*\s?){1,4})(?:[,.]|$)/u);
    if (sig && nextPara.end - nextPara.start < 80) {
      const name = sig[1].trim().replace(/\.$/, "");
      const e = analysis.entities.findIndex((x) => x.name === name || x.aliases.includes(name));
      return {
        speaker: {
          name: e >= 0 ? analysis.entities[e].name : name,
          kind: "person",
          entity: e >= 0 ? e : undefined,
          at: nextPara.start,
        },
        evidence: "signature",
      };
    }
  }
  // A quote-only paragraph continues the speaker of the previous paragraph's quotes.
  if (last && spans[last.index].paragraph >= span.paragraph - 2)
    return { speaker: last.attribution.speaker, evidence: "continuation" };
  return null;
}
