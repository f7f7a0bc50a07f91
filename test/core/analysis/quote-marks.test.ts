import { describe, expect, it } from "vitest";
import { findQuoteSpans } from "../../../src/core/analysis/quote-spans.js";
import { extractQuotes } from "../../../src/core/analysis/quotes.js";
import { prepareText } from "../../../src/core/text/prepare.js";

/** The text of every quotation-mark span found, in order. */
function spans(text: string): string[] {
  const prepared = prepareText(text, { detectTitle: false });
  return findQuoteSpans(prepared).map((s) => prepared.text.slice(s.start, s.end));
}

describe("quotation marks of other languages", () => {
  const cases: Array<[string, string, string[]]> = [
    [
      "German „…“",
      "„Wir schaffen das“, sagte Dana Whitfield, „und zwar bald.“",
      ["Wir schaffen das", "und zwar bald."],
    ],
    ["Polish „…”", "„Damy radę”, powiedziała Dana Whitfield, „i to szybko.”", ["Damy radę", "i to szybko."]],
    [
      "German »…«",
      "»Wir schaffen das«, sagte Dana Whitfield, »und zwar bald.«",
      ["Wir schaffen das", "und zwar bald."],
    ],
    [
      "French « … » with spaces",
      "« Nous allons gagner », a déclaré Dana Whitfield, « et vite. »",
      ["Nous allons gagner", "et vite."],
    ],
    ["Spanish «…»", "«Vamos a ganar», dijo Dana Whitfield, «y pronto».", ["Vamos a ganar", "y pronto"]],
    ["Swiss ‹…› single guillemets", "‹Wir schaffen das›, sagte sie, ‹bald›.", ["Wir schaffen das", "bald"]],
    ["CJK 「…」", "「我们会赢」他说，「很快。」", ["我们会赢", "很快。"]],
    ["CJK 『…』", "『勝ちます』と彼は言った。", ["勝ちます"]],
    [
      "English “…” unchanged",
      "“We will win,” said Dana Whitfield, “and soon.”",
      ["We will win,", "and soon."],
    ],
  ];
  it.each(cases)("%s", (_name, text, expected) => {
    expect(spans(text)).toEqual(expected);
  });

  const nested: Array<[string, string, string[]]> = [
    ["“…” inside « … »", "« Il a dit “ non ” hier », a déclaré Marie Curie.", ['Il a dit " non " hier']],
    ["‚…‘ inside „…“", "„Er sagte ‚nein‘ gestern“, so Dana Whitfield.", ["Er sagte 'nein' gestern"]],
    ["„…“ inside »…«", "»Sie rief „Halt!“ und lief«, sagte er.", ['Sie rief "Halt!" und lief']],
    ["『…』 inside 「…」", "「彼は『いいえ』と言った」と彼女は話した。", ["彼は『いいえ』と言った"]],
  ];
  it.each(nested)("nested: %s gives the outer quote only", (_name, text, expected) => {
    expect(spans(text)).toEqual(expected);
  });

  const unpaired: Array<[string, string, string[]]> = [
    // An opening mark with no close runs to the end of its paragraph (the multi-paragraph convention).
    [
      "an opening „ with no close",
      "Ein Satz mit „offener Marke und dann nichts.",
      ["offener Marke und dann nichts."],
    ],
    ["a closing “ with nothing open", "Ein Satz mit geschlossener“ Marke allein.", []],
    [
      "a stray » in a French text",
      "Le texte » continue « puis la fin arrive enfin ».",
      ["puis la fin arrive enfin"],
    ],
    ["a closing 」 alone", "彼は言った」。", []],
  ];
  it.each(unpaired)("unpaired: %s is never a quote between two quotes", (_name, text, expected) => {
    expect(spans(text)).toEqual(expected);
  });

  const apostrophes: Array<[string, string, string[]]> = [
    ["French elisions", "« L'homme n'est pas là », dit-il à l'entrée.", ["L'homme n'est pas là"]],
    ["German ’s and ‚…‘", "„Peter’s Laden ist zu“, sagte sie.", ["Peter's Laden ist zu"]],
    ["English don't in single-mark text", "He said 'we don't know yet' and left.", ["we don't know yet"]],
  ];
  it.each(apostrophes)("apostrophes inside words: %s", (_name, text, expected) => {
    expect(spans(text)).toEqual(expected);
  });

  it("never makes a quote of the words between two German quotes", () => {
    const text =
      "Die Stadt plant neue Radwege im Zentrum.\n\n„Wir schaffen das, und zwar sehr bald“, sagte Dana Whitfield am Montag, „und das ist gut für alle hier.“";
    const quotes = extractQuotes(prepareText(text));
    expect(quotes.map((q) => q.quote)).toEqual([
      "Wir schaffen das, und zwar sehr bald",
      "und das ist gut für alle hier.",
    ]);
    for (const q of quotes) expect(q.quote).not.toMatch(/sagte/);
  });
});
