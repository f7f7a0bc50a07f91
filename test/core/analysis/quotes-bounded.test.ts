import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/analysis/quotes.js";
import { notASpeaker, withoutTrailingAuxiliary } from "../../../src/core/analysis/speaker-shape.js";
import { prepareText } from "../../../src/core/text/prepare.js";
import { anyArticleText } from "./arbitraries.js";

const TWO_MB = 2 * 1024 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(TWO_MB / unit.length)).slice(0, TWO_MB);
/** Units numbered apart, so the text stage does not drop them as repeated boilerplate. */
const fillNumbered = (unit: (i: number) => string) => {
  const parts: string[] = [];
  for (let i = 0, n = 0; n < TWO_MB; i++) {
    parts.push(unit(i));
    n += parts[i]!.length;
  }
  return parts.join("").slice(0, TWO_MB);
};

const ARTICLE = [
  "Secretary of State Antony Blinken met the envoy on Monday.",
  '"We will keep talking to both sides," Blinken said. "Nobody wants a wider war."',
  'Rep. Nancy Pelosi (D-Calif.) said: "The House will vote on the aid package this week."',
  '"The arc of the moral universe is long," said Martin Luther King Jr.',
].join("\n\n");

/**
 * The attribution patterns read the words next to quote marks: none may backtrack over a long run
 * of what they look for. Each input is one 2 MB paragraph (the input limit) of a single pattern.
 */
describe("quote attribution on hostile paragraphs", () => {
  it.each([
    [
      "capitals, titles, 'of', suffixes, party tags",
      fill("Secretary of State Mr. Jr. III Antony (D-Calif.), R-Wis., "),
    ],
    ["quote marks, capitals and colons", fill('"A," Mr. B said: "Name: ')],
    ["determiners after quotes", fill('"Yes," said the. ')],
  ])(
    "%s",
    (_case, text) => {
      const started = performance.now();
      const quotes = extractQuotes(prepareText(text, { detectTitle: false }));
      expect(performance.now() - started).toBeLessThan(20_000);
      for (const q of quotes) expect(text).toContain(q.quote);
    },
    60_000,
  );
});

/**
 * The patterns added for names, clauses and labels, one per paragraph: each paragraph is one 2 MB
 * sentence (or, for turn labels, 2 MB of short paragraphs) of quotes beside what the pattern reads,
 * so that a scan repeated per quote, per particle or per mention would show.
 */
describe("quote attribution on hostile paragraphs of the name and clause patterns", () => {
  it.each([
    // A person's particles between capitals: one name span that grows across them.
    ["name particles", fill("Ana de la Cruz de la "), 0],
    ["name particles beside quotes", fill('"one two three four," said Ana de la de la Cruz de la '), 1],
    // The passive ("was asked by host …") and a document's sender ("a post from …").
    [
      "the passive",
      fill('Sanders was asked by host was asked by host Bill Maher whether, "one two three four," '),
      1,
    ],
    ["a post from", fill('according to a post from a post from Ann Roe, "one two three four," '), 1],
    // Unattributed quotes beside ALL-CAPS names (headlines, never speakers) and lone capitalised
    // words (read as organisations): each quote falls back to the sentence's people.
    ["ALL-CAPS names beside quotes", fill('"one two three four," ABC DEF '), 1],
    ["lone capitalised words beside quotes", fill('"one two three four," Abc '), 1],
    // Clauses and fragments that name nobody: "what we should", "polls did", "Ed Krayewski may".
    ["clauses before quotes", fill('what we should what we should "one two three four," '), 1],
    [
      "auxiliaries after names",
      fill('"one two three four," Ed Krayewski may "one two three four," Ed can '),
      1,
    ],
    // A clause with its own verb after the last comma: the sentence's opening subject is read.
    ["a verb before the name", fill(', but now said Trump had , but now said "one two three four," '), 1],
    // A speech word after a determiner is a noun; a relative pronoun's name right before it speaks.
    [
      "speech words after determiners",
      fill('added the claims the claims his claims "one two three four," '),
      1,
    ],
    [
      "relative pronouns",
      fill('a tweet from Rikkie Wells who tweeted who who tweeted, "one two three four," '),
      1,
    ],
    // A title the lexicon does not know before a person the article names.
    [
      "unknown titles before known people",
      fillNumbered((i) => `New York City Public Advocate Trish James said: "one two three ${i} four." `),
      1,
    ],
    // Turn labels opening each paragraph: roles, names in capitals, and the rest.
    [
      "transcript labels",
      fillNumbered(
        (i) =>
          `MODERATOR: Governor, "one two ${i} three four," he said.\n\nAUDIENCE MEMBER: "one two ${i} three four five six"\n\nSMITH: "Yes one two ${i} three four five."\n\n`,
      ),
      1,
    ],
  ])(
    "%s",
    (_case, text, someQuotes) => {
      const started = performance.now();
      const quotes = extractQuotes(prepareText(text, { detectTitle: false }));
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(quotes.length >= someQuotes).toBe(true);
      for (const q of quotes.slice(0, 1000)) expect(text).toContain(q.quote);
    },
    60_000,
  );
});

describe("the shape of a speaker phrase, on a 2 MB phrase", () => {
  const run = (unit: string) => unit.repeat(Math.floor(TWO_MB / unit.length));
  it.each([
    // A run of commas before a last word, then dangling function words: read from the end once.
    ["commas, then function words", `Ann${run(" ,")} x of the`, `Ann${run(" ,")} x`, false],
    // A name before an auxiliary keeps the name; a pronoun before one is a clause.
    ["capitals, then an auxiliary", `${run("Ed Krayewski ")}may`, run("Ed Krayewski ").trimEnd(), false],
    ["pronouns and modals", `${run("we should ")}we should`, `${run("we should ")}we should`, true],
  ])(
    "%s",
    (_case, phrase, kept, clause) => {
      const started = performance.now();
      expect(withoutTrailingAuxiliary(phrase)).toBe(kept);
      expect(notASpeaker(kept)).toBe(clause);
      expect(performance.now() - started).toBeLessThan(20_000);
    },
    60_000,
  );
});

describe("quote attribution on any input", () => {
  it("never throws, quotes verbatim, never names a determiner or a bare honorific", () => {
    fc.assert(
      fc.property(anyArticleText(ARTICLE), (text) => {
        for (const q of extractQuotes(prepareText(text, { detectTitle: false }))) {
          expect(text).toContain(q.quote);
          if (q.speaker !== null) expect(q.speaker).not.toMatch(/^(?:the|a|an|his|her|Mr\.?|Ms\.?|Dr\.?)$/i);
          if (q.role) expect(q.role).not.toMatch(/^(?:Mr|Mrs|Ms|Dr)\.?$/);
        }
      }),
      { numRuns: 150 },
    );
  });
});
