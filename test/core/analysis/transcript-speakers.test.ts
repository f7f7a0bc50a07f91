import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/analysis/quotes.js";
import { prepareText } from "../../../src/core/text/prepare.js";

const speakersOf = (paragraphs: string[]) =>
  extractQuotes(prepareText(paragraphs.join("\n\n"), { detectTitle: false })).map((q) => [
    q.speaker,
    q.speakerConfidence,
  ]);

const INTRO = "Governor John Smith debated Senator Maria Lopez on Tuesday night in the state capital.";

describe("transcript turn labels are speakers", () => {
  it.each([
    [
      "an upper-case surname label, linked to the full name",
      [
        INTRO,
        'SMITH: Well, as I told voters, "we will cut taxes for every family in this state," and I meant it.',
      ],
      [["John Smith", "high"]],
    ],
    [
      "a name-cased label",
      [INTRO, 'Lopez: I want to be clear about this. "We need a budget that adds up for everyone."'],
      [["Maria Lopez", "high"]],
    ],
    [
      "a role label",
      [INTRO, 'MODERATOR: The next question is from the floor. "Will either of you raise the gas tax?"'],
      [["the moderator", "high"]],
    ],
    [
      "a two-word role label",
      [INTRO, 'AUDIENCE MEMBER: My question is simple. "Will either of you raise the gas tax?"'],
      [["the audience member", "high"]],
    ],
    [
      "an upper-case name the article gives no fuller form of, in its natural case",
      ["The debate ran late.", 'GRANT: Let me answer that. "We will not raise the gas tax this year."'],
      [["Grant", "high"]],
    ],
    [
      "an upper-case name with a prefix and an apostrophe, in its natural case",
      [
        "The debate ran late.",
        'MCCAIN: Let me answer. "We will not raise the tax."\n\nO\'ROURKE: No. "We will cut it for every family."',
      ],
      [
        ["McCain", "high"],
        ["O'Rourke", "high"],
      ],
    ],
    [
      "a surname that is also a role word, linked to the full name",
      [
        "Martin Luther King spoke at the church on Sunday.",
        'KING: I have a dream. "We will not be satisfied until justice rolls down."',
      ],
      [["Martin Luther King", "high"]],
    ],
    [
      "an attribution inside the turn still wins",
      [INTRO, 'SMITH: She keeps saying "nothing changed for the families in my district," Lopez said.'],
      [["Maria Lopez", "high"]],
    ],
  ])("%s", (_case, paragraphs, expected) => {
    expect(speakersOf(paragraphs)).toEqual(expected);
  });

  it("a notice label is never a speaker", () => {
    const speakers = speakersOf([
      INTRO,
      'UPDATE: The debate ended early. "It was a long night for everyone in the hall."',
    ]);
    expect(speakers.map(([s]) => s)).not.toContain("the update");
  });
});
