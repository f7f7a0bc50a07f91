import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/analysis/quotes.js";
import { prepareText } from "../../../src/core/text/prepare.js";
import { anyArticleText } from "./arbitraries.js";

const TWO_MB = 2 * 1024 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(TWO_MB / unit.length)).slice(0, TWO_MB);

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
