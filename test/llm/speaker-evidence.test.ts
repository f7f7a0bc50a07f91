import { describe, expect, it } from "vitest";
import { speakerVerdict as verdict } from "./helpers.js";

const FIORINA =
  'Ted Cruz and Carly Fiorina spoke in Iowa on Monday.\n\nCarly Fiorina took questions. She had a great line when she said, "Flying is an activity, not an accomplishment."';
const CREWS =
  'Tom Hale spoke to the council in the morning.\n\nPaul Cole thanked the crews after the vote. "We did it together, every one of us," he said.';
const CAMPAIGN =
  'Bernie Sanders and his campaign manager, Jeff Weaver, spoke in Ohio on Monday.\n\n"We will win this state in the spring," Bernie Sanders said.';

describe("a model's speaker against the article's evidence", () => {
  it.each([
    [
      "the pronoun next to the quote is a woman's, the model names a man",
      FIORINA,
      "Flying is an activity",
      "Ted Cruz",
      "speaker-contradicted",
    ],
    ["the pronoun fits the model's speaker", FIORINA, "Flying is an activity", "Carly Fiorina", undefined],
    [
      "the engine's speaker is named in the sentence before, the model's is not",
      CREWS,
      "We did it together",
      "Tom Hale",
      "speaker-contradicted",
    ],
    [
      "the model names the one the sentence before names",
      CREWS,
      "We did it together",
      "Paul Cole",
      undefined,
    ],
    [
      "names in the model's appositive are not the speaker's own",
      CAMPAIGN,
      "We will win this state",
      "Jeff Weaver, Sanders' campaign manager",
      "speaker-contradicted",
    ],
    ["the speaker named beside the quote", CAMPAIGN, "We will win this state", "Bernie Sanders", undefined],
  ])("%s", (_case, text, quote, speaker, reason) => {
    expect(verdict(text, quote, speaker)).toBe(reason);
  });
});
