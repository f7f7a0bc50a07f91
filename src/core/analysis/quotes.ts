import { originalSlice, sentenceAt } from "../text/prepare.js";
import type { PreparedText, Quote } from "../types.js";
import { type ResolveContext, resolveSpeaker, type Speaker } from "./attribution.js";
import {
  mainClauseSubject,
  phraseAfterQuote,
  phraseBeforeQuote,
  type SpeakerPhrase,
} from "./attribution-phrases.js";
import { analyseEntities, type EntityAnalysis } from "./entities.js";
import { fallbackSpeaker } from "./fallback-speaker.js";
import { findQuoteSpans, type QuoteSpan } from "./quote-spans.js";
import { type Attribution, confidenceOf, type Evidence, phraseEvidence } from "./speaker-evidence.js";
import { appositiveRole, shownName } from "./speaker-shown.js";
import { transcriptSpeaker } from "./transcript-label.js";

// A speech verb followed by its own clause: reported speech, not an attribution of the quote before.
const REPORTED_SPEECH =
  /\b(?:said|says|told|tells|added|argued|insisted|noted|suggested|wrote|warned|claimed|acknowledged|explained|stressed|predicted|conceded)\s+(?:that|he|she|they|it|we|I|there)\s+\w+/;

// A clause that ends by opening the next quote: `she said that "`, `he added: "`.
const LEADS_INTO_QUOTE =
  /\b(?:said|says|told \w+|added|argued|insisted|noted|wrote|warned|claimed|explained|declared|replied)\s*(?:that|,|:)?\s*$/;

// Quoted words that only label something ("so-called", "dubbed") are not speech.
const LABEL_BEFORE =
  /\b(so-called|dubbed|nicknamed|known as|titled|entitled|the term|the word|the words|the phrase|headlined|labell?ed|branded|termed|billed as|a\.k\.a\.?|aka|marked|reads?|read:)\s*$/i;

/**
 * Every direct quotation with its speaker: one item per quotation-mark stretch; scare quotes and
 * titles are left out; attribution from the words next to the marks, then from the paragraph and
 * the story so far (quote-only paragraphs continue the previous speaker).
 */
export function extractQuotes(
  prepared: PreparedText,
  analysis: EntityAnalysis = analyseEntities(prepared),
): Quote[] {
  return extractQuotesWithEvidence(prepared, analysis).map((q) => q.quote);
}

/** The quotes with the evidence each speaker was found on (what its confidence is computed from). */
export function extractQuotesWithEvidence(
  prepared: PreparedText,
  analysis: EntityAnalysis = analyseEntities(prepared),
): Array<{ quote: Quote; evidence: Evidence; speaker: Speaker | null }> {
  const { text } = prepared;
  const spans = findQuoteSpans(prepared);
  const insideQuote = makeInsideQuote(spans);
  const previous: Speaker[] = [];
  const quotes: Array<{ quote: Quote; evidence: Evidence; speaker: Speaker | null }> = [];
  let lastAttributed: { index: number; attribution: Attribution } | null = null;

  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    const paragraph = prepared.paragraphs[span.paragraph];
    const phrase = findPhrase(prepared, spans, i);
    const content = text.slice(span.start, span.end);
    const words = content.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    if (
      !keepAsQuote(
        content,
        words.length,
        phrase,
        text.slice(Math.max(paragraph.start, span.open - 40), span.open),
      )
    ) {
      continue;
    }
    const ctx: ResolveContext = {
      text,
      analysis,
      previous,
      insideQuote,
      lookbackStart: prepared.paragraphs[Math.max(0, span.paragraph - 1)].start,
      sentenceOf: (offset) => sentenceAt(prepared, offset)?.id ?? prepared.sentences.length,
      sentenceStart: (offset) => sentenceAt(prepared, offset)?.start ?? 0,
    };
    let speaker = phrase ? resolveSpeaker(phrase.phrase, phrase.at, ctx) : null;
    let evidence: Evidence = speaker && phrase ? phraseEvidence(phrase, speaker) : "none";
    if (speaker && phrase && speaker.kind === "person" && !speaker.role) {
      const role = appositiveRole(text, phrase.at + phrase.phrase.length);
      if (role) speaker = { ...speaker, role };
    }
    // A quote opening its paragraph is no turn's words: the label would be the quote's own start.
    if (!speaker && span.open > paragraph.start) {
      speaker = transcriptSpeaker(
        text.slice(paragraph.start, Math.min(paragraph.end, paragraph.start + 80)),
        paragraph.start,
        analysis.entities,
        analysis.gender,
      );
      if (speaker) evidence = "transcript";
    }
    // `"…," I said`: the writer speaks, whom the text names nowhere; no one else said it.
    const firstPerson = phrase !== null && /^(?:I|we)$/i.test(phrase.phrase.trim());
    if (!speaker && !firstPerson) {
      const found = fallbackSpeaker(prepared, spans, i, lastAttributed, analysis, insideQuote);
      speaker = found?.speaker ?? null;
      evidence = found?.evidence ?? "none";
    }
    if (speaker) lastAttributed = { index: i, attribution: { speaker, evidence } };
    // …and the quotes that go on from the writer's are the writer's too.
    else if (firstPerson) lastAttributed = null;
    if (speaker) previous.push(speaker);
    const trimmed = trimSpan(text, span.start, span.end);
    if (trimmed[1] <= trimmed[0]) continue;
    const sentence = sentenceAt(prepared, trimmed[0]);
    const quote: Quote = {
      quote: originalSlice(prepared, trimmed[0], trimmed[1]),
      speaker: speaker ? shownName(speaker) : null,
      ...(speaker?.role ? { role: speaker.role } : {}),
      ...(speaker ? { speakerConfidence: confidenceOf(evidence) } : {}),
      sentence: sentence?.id ?? 0,
      start: trimmed[0],
      end: trimmed[1],
    };
    quotes.push({ quote, evidence, speaker });
  }
  return quotes;
}

// A next sentence whose verb answers what was quoted rather than reports it.
const REACTION =
  /^[^.!?"]{0,80}?\b(?:agree[sd]?|disagree[sd]?|concur(?:s|red)?|object(?:s|ed)?|nodded|laughed)\b/;

function findPhrase(prepared: PreparedText, spans: QuoteSpan[], i: number): SpeakerPhrase | null {
  const { text } = prepared;
  const span = spans[i];
  const next = spans[i + 1];
  // The words before the opening mark are looked at once, whichever side is tried first.
  let context: ReturnType<typeof leftContext> | undefined;
  const leftOf = () => (context ??= leftContext(prepared, spans, i));
  let left: SpeakerPhrase | null | undefined;
  if (span.close >= 0) {
    const sentence = sentenceAt(prepared, span.close);
    let stop = sentence ? Math.max(sentence.end, span.close + 1) : span.close + 1;
    let following = false;
    // `"…?" Trump asked.` — the splitter ends a sentence at the mark; the attribution is the next one.
    if (
      sentence &&
      stop <= span.close + 1 &&
      /[.!?][)'’\]]*$/.test(text.slice(span.start, span.end).trimEnd())
    ) {
      const nextSentence = prepared.sentences[sentence.id + 1];
      if (nextSentence && nextSentence.paragraph === span.paragraph) {
        stop = nextSentence.end;
        following = true;
      }
    }
    const paraEnd = prepared.paragraphs[span.paragraph].end;
    if (stop > paraEnd) stop = paraEnd;
    const nextOpensFirst = next && next.paragraph === span.paragraph && next.open < stop;
    if (nextOpensFirst) stop = next.open;
    // The sentence may end inside the quote ("…tough," he said.) — keep to the end of the attribution.
    const rest = text.slice(span.close + 1, Math.min(stop, span.close + 220));
    // When the quote closes its sentence, the words before it (`Hayek said, "…."`) name the speaker
    // before the next sentence does ("The star then recalled …"), and a lead-in to the next quote
    // ("Perhaps, he said, this "…"") belongs to that quote.
    if (following) {
      left = leftPhrase(prepared, leftOf(), span.open);
      const leadIn =
        nextOpensFirst && (rest.split(/\s+/).filter(Boolean).length <= 8 || LEADS_INTO_QUOTE.test(rest));
      if (left || leadIn) return left;
    }
    // `When someone shouted, "Cruz," Beck joked, "Amen!"` — the clause after the quote leads into
    // the next one; the speech verb just before the opening mark names this quote's speaker.
    if (!following && nextOpensFirst && /[,:]\s*$/.test(rest) && /[,:]\s*$/.test(leftOf().before)) {
      left = leftPhrase(prepared, leftOf(), span.open);
      if (left) return left;
    }
    const right = phraseAfterQuote(rest, span.close + 1);
    // …nor is a new sentence of reported speech ("Kasich said he would have fired him"), nor one of
    // a reaction to the quote ("…." His quarterback agreed.).
    if (right && !(following && (REPORTED_SPEECH.test(rest) || REACTION.test(rest)))) return right;
  }
  if (left === undefined) left = leftPhrase(prepared, leftOf(), span.open);
  if (left) return left;
  const { sentence, from, before } = leftOf();
  // `Bystrom agreed. "…"` — a quote opening a sentence right after a short lead-in sentence.
  if (sentence && before.trim() === "" && sentence.id > 0) {
    const prevSentence = prepared.sentences[sentence.id - 1];
    if (prevSentence.paragraph === span.paragraph && !prevSentence.text.includes('"')) {
      const lead = phraseBeforeQuote(prevSentence.text.replace(/[.!?]$/, ""), prevSentence.start);
      if (
        lead &&
        /\b(?:agree[sd]|disagree[sd]|explain(?:s|ed)|continue[sd]|respond(?:s|ed)|repl(?:ies|ied)|add(?:s|ed)|conclude[sd]|counter(?:s|ed)|wr(?:ote|ites)|said|says)(?:\s+(?:in|on|to|during|at|via)\s+[^.,;:"]{1,40})?[.:]?$/.test(
          prevSentence.text.replace(/[.!?:]$/, ""),
        )
      )
        return lead;
    }
  }
  // "Kasich resisted: " — a clause ending in a colon introduces its subject's words.
  if (/:\s*$/.test(before)) {
    const subject = mainClauseSubject(before.trim(), from + (before.length - before.trimStart().length));
    if (subject) return subject;
  }
  // A quote opening its paragraph after "Cruz continued:" at the end of the previous one.
  const paragraph = prepared.paragraphs[span.paragraph];
  if (span.open === paragraph.start && span.paragraph > 0) {
    const prevPara = prepared.paragraphs[span.paragraph - 1];
    const last = sentenceAt(prepared, prevPara.end - 1);
    if (last && /[:,]$/.test(last.text)) {
      const lead = text.slice(last.start, prevPara.end);
      return (
        phraseBeforeQuote(lead, last.start) ??
        (lead.endsWith(":") ? mainClauseSubject(lead, last.start) : null)
      );
    }
    // …or after a paragraph of reported speech with no quotes of its own ("Kerry said that 100,000
    // would be accepted."): the quote is that speaker's words.
    const quotedBefore = i > 0 && spans[i - 1].paragraph === span.paragraph - 1;
    const verb = last && !quotedBefore && !last.text.includes('"') ? last.text.match(REPORTED_SPEECH) : null;
    if (last && verb) {
      const head = last.text.slice(0, (verb.index ?? 0) + verb[0].split(/\s+/)[0]!.length);
      const lead = phraseBeforeQuote(head, last.start);
      if (lead && lead.side !== "sentence") return lead;
    }
  }
  if (before.trim().length > 0 && /,\s*$/.test(before)) return mainClauseSubject(before, from);
  return null;
}

/** The text before the opening mark within its sentence, from the previous quote's close if later. */
function leftContext(prepared: PreparedText, spans: QuoteSpan[], i: number) {
  const span = spans[i];
  const sentence = sentenceAt(prepared, span.open);
  const sentenceStart = sentence ? Math.min(sentence.start, span.open) : span.open;
  let from = sentenceStart;
  const prev = spans[i - 1];
  if (prev && prev.close >= from && prev.close < span.open) from = prev.close + 1;
  return { sentence, sentenceStart, from, before: prepared.text.slice(from, span.open) };
}

/** The attribution written before the opening mark, within its sentence: `X said: "`. */
function leftPhrase(
  prepared: PreparedText,
  { sentenceStart, from, before }: ReturnType<typeof leftContext>,
  open: number,
): SpeakerPhrase | null {
  return phraseBeforeQuote(before, from, {
    text: prepared.text.slice(sentenceStart, open),
    at: sentenceStart,
  });
}

function keepAsQuote(
  content: string,
  wordCount: number,
  phrase: SpeakerPhrase | null,
  before: string,
): boolean {
  if (wordCount === 0) return false;
  if (LABEL_BEFORE.test(before) && wordCount < 8) return false;
  const capitalised = content.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).length;
  // Titles of shows, books and headlines: mostly capitalised words, even with the comma or period
  // that US style puts inside the marks ("Meet the Press.", "Morning Joe,").
  const titleLike =
    wordCount <= 10 &&
    capitalised / wordCount >= 0.7 &&
    (!/[.!?,]$/.test(content.trim()) ||
      (wordCount >= 2 && wordCount <= 6 && !/[.!?,]./.test(content.trim())));
  if (titleLike && !(phrase && phrase.side === "right")) return false;
  if (phrase) return true;
  // Unattributed short stretches are scare quotes ("the 'leadership of Israel'").
  const trimmed = content.trim();
  if (wordCount >= 2 && /^\p{Lu}/u.test(trimmed) && /[.!?]$/.test(trimmed)) return true; // a whole sentence
  return wordCount >= 4 && /[.!?,]$/.test(trimmed) ? true : wordCount >= 6;
}

function makeInsideQuote(spans: QuoteSpan[]): (offset: number) => boolean {
  return (offset) => {
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (offset < spans[mid].start) hi = mid - 1;
      else if (offset >= spans[mid].end) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

function trimSpan(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return [s, e];
}
