import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/analysis/quotes.js";
import { prepareText } from "../../../src/core/text/prepare.js";

const speakers = (text: string) =>
  extractQuotes(prepareText(text, { detectTitle: false })).map((q) => [q.speaker, q.role]);

/** Roles as the article gives them: appositives after the name and documents' authors. */
describe("speaker roles and document sources", () => {
  it.each([
    [
      "appositive after a verb-first attribution",
      'The plant will close. "This is a hard day for everyone here," said Dana Whitfield, the general manager.',
      [["Dana Whitfield", "general manager"]],
    ],
    [
      "appositive between the name and the verb",
      'The plant will close. Dana Whitfield, the general manager, said: "This is a hard day for everyone."',
      [["Dana Whitfield", "general manager"]],
    ],
    [
      "an indefinite appositive keeps its article",
      '"We expect delays all week," said Tom Ash, a spokesman for the airport.',
      [["Tom Ash", "a spokesman for the airport"]],
    ],
    [
      "a role noun with its 'of' phrase and no article",
      '"We are not going anywhere," said Dr. Ana Ruiz, director of the Institute of Allergy and Infectious Diseases.',
      [["Ana Ruiz", "director of the Institute of Allergy and Infectious Diseases"]],
    ],
    [
      "…but not a clause that starts like one",
      '"We expect delays all week," said Tom Ash, head of what was said to be the busiest airport.',
      [["Tom Ash", undefined]],
    ],
    [
      "a group described by where it is from, not the place",
      'Voters in Ohio told us they were "tired of the noise and the ads on every channel."',
      [["voters in Ohio", undefined]],
    ],
    [
      "a relative clause is not a role",
      '"We expect delays all week," said Tom Ash, who has run the airport since 2019.',
      [["Tom Ash", undefined]],
    ],
    [
      "a statement's author is the speaker",
      '"We have no choice but to fix the pipes now," according to a statement from Mayor Lisa Grant.',
      [["Lisa Grant", "Mayor"]],
    ],
    [
      "a named newspaper is not a document",
      '"The vote was close all night," according to The Washington Post.',
      [["The Washington Post", undefined]],
    ],
  ])("%s", (_case, text, expected) => {
    expect(speakers(text)).toEqual(expected);
  });
});
