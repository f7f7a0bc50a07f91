import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/analysis/quotes.js";
import { prepareText } from "../../../src/core/text/prepare.js";

const confidences = (text: string) =>
  extractQuotes(prepareText(text, { detectTitle: false })).map((q) => [q.speaker, q.speakerConfidence]);

/** How sure an attribution is follows from the evidence for it, not from who the speaker is. */
describe("speakerConfidence", () => {
  it.each([
    [
      "a speech verb naming the speaker after the quote",
      '"The bridge will open in May," Maria Lopez said.',
      [["Maria Lopez", "high"]],
    ],
    [
      "a speech verb naming the speaker before the quote",
      'Mayor Dan Cole said: "The vote is final and it stands."',
      [["Dan Cole", "high"]],
    ],
    [
      "a speech verb naming the speaker after a role that opens with 'the'",
      '"We have no choice," the mayor\'s spokesman Luis Reyes said.',
      [["Luis Reyes", "high"]],
    ],
    [
      "the next quote of the same paragraph, after a named attribution",
      '"We are ready," Maria Lopez said. "The crews start on Monday morning."',
      [
        ["Maria Lopez", "high"],
        ["Maria Lopez", "high"],
      ],
    ],
    [
      "a pronoun whose antecedent is the sentence just before, with no rival",
      'Maria Lopez runs the city transport office. "The crews start on Monday morning," she said.',
      [["Maria Lopez", "high"]],
    ],
    [
      "a pronoun with another woman named just before",
      'Maria Lopez runs the city transport office. Ana Ruiz runs the depot. "The crews start on Monday morning," she said.',
      [["Ana Ruiz", "low"]],
    ],
    [
      "a pronoun resolved further back than the sentence before",
      'Maria Lopez runs the city transport office. The office moved last year. "The crews start on Monday morning," she said.',
      [["Maria Lopez", "low"]],
    ],
    [
      "a quote-only paragraph continuing the previous speaker",
      '"We are ready," Maria Lopez said.\n\n"The crews start on Monday morning and work through the night."',
      [
        ["Maria Lopez", "high"],
        ["Maria Lopez", "low"],
      ],
    ],
    [
      "a partial quote inside the paraphrase of the sentence's subject",
      'Maria Lopez expressed a wish to "get the crews started before the winter rains".',
      [["Maria Lopez", "high"]],
    ],
    [
      "a name merely mentioned in the sentence",
      'The plan to "get the crews started before the winter rains" came from Maria Lopez.',
      [["Maria Lopez", "low"]],
    ],
  ])("%s", (_case, text, expected) => {
    expect(confidences(text)).toEqual(expected);
  });
});
