import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/analysis/quotes.js";
import { prepareText } from "../../../src/core/text/prepare.js";

const speakers = (text: string) =>
  extractQuotes(prepareText(text, { detectTitle: false })).map((q) => q.speaker);

/** "He"/"she" after a quote: the person the sentences before make the subject or the source. */
describe("pronoun antecedents", () => {
  it.each([
    [
      "the name a trailing speech verb introduces (`…, said X, role`)",
      'Omar Haddad won the district in 2018. "I will run again," Haddad said. His campaign will turn on turnout in the suburbs, said Tom Holt, a pollster at the state university. "They have to win the county by ten points," he said.',
      ["Omar Haddad", "Tom Holt"],
    ],
    [
      "…but not a name that is the object of reported speech",
      '"We start in May," Tom Holt said. Omar Haddad, a pollster, said the race will turn on Tom Holt, who has not yet campaigned. "Turnout decides it," he said.',
      ["Tom Holt", "Omar Haddad"],
    ],
    [
      "a subject with an irregular verb after a long opening clause",
      'Although it was far from the last word to be said about the governor Helen Marsh and her budget, Attorney General Nora Quill took the last step on Wednesday of announcing that the office would not prosecute Helen Marsh. "We will not bring charges," she said.',
      ["Nora Quill"],
    ],
    [
      "a name that is itself an appositive (`his wife, Jane, called`)",
      'Ann Vance said the office would stay open. On Tuesday, his wife, Jane, called for a review. "Nobody asked the staff what they wanted," she said.',
      ["Jane"],
    ],
    [
      "a subject followed by an appositive in dashes",
      'Mark Dunn ran the office for a decade. Republican pollster Owen Reyes -- author of a book on turnout, which urged the party to change -- is skeptical. "The numbers are not there," he said.',
      ["Owen Reyes"],
    ],
    [
      "a woman whose first name is Nancy",
      'Senator Paul Grant praised the bill. One delegate, party chairwoman Nancy Worden, pledged her vote to Grant. "We need to close this out," she said.',
      ["Nancy Worden"],
    ],
    [
      "the sender of what came `from` a name, not a place of that name",
      'The magazine changed its coverage on Friday, according to a post from Zoraida Pell. "We will cover the campaign as news from now on," she wrote.',
      ["Zoraida Pell"],
    ],
    [
      "`they` after a group, past a state written as news abbreviates it",
      'The Teamsters Union sent members from Tampa, Fla., to the capitol on Monday. "We are not done with this fight," they said.',
      ["Teamsters Union"],
    ],
    [
      "`they` never a street the sentence names (no one rather than a place)",
      'Hundreds of nurses marched downtown on Monday. As they made their way down Elm Street, they chanted "fund the clinics now."',
      [null],
    ],
  ])("%s", (_case, text, expected) => {
    expect(speakers(text)).toEqual(expected);
  });
});
