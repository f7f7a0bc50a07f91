import { describe, expect, it } from "vitest";
import { analyseArticle } from "../../src/core/analyse.js";
import { speechSubjects } from "../../src/llm/speaker-credit.js";
import { engineFor, speakerVerdict as verdict } from "./helpers.js";
import { reply } from "./stand-in.js";
import { useStandIn } from "./use-stand-in.js";

const FIORINA =
  'Ted Cruz and Carly Fiorina spoke in Iowa on Monday.\n\nCarly Fiorina took questions. She had a great line when she said, "Flying is an activity, not an accomplishment."';
const CREWS =
  'Tom Hale spoke to the council in the morning.\n\nPaul Cole thanked the crews after the vote. "We did it together, every one of us," he said.';
// The model's speaker is named only after a quote its pronoun credits.
const ECHO =
  'Ann Hale spoke at the rally on Friday.\n\nHer best line came when she said, "We decide who shapes our children."\n\nThe speech echoed the words of Abraham Lincoln in 1865.';
// The model's speaker is named in the sentence before only to describe the one who spoke there.
const SUPPORTER =
  'Dan Reed and Ann Hale met on Thursday.\n\nRep. Tom Cole of Ohio, a Reed supporter, said the talks would help both of them.\n\n"It is not do or die," he said outside the building.';
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
    [
      "the pronoun points back, the model's speaker is named only after the quote",
      ECHO,
      "We decide who",
      "Abraham Lincoln",
      "speaker-not-near-quote",
    ],
    ["the pronoun's antecedent before the quote", ECHO, "We decide who", "Ann Hale", undefined],
    [
      "the model's speaker only describes the one who spoke the sentence before",
      SUPPORTER,
      "It is not do or die",
      "Dan Reed",
      "speaker-contradicted",
    ],
    ["the one who spoke the sentence before", SUPPORTER, "It is not do or die", "Tom Cole", undefined],
  ])("%s", (_case, text, quote, speaker, reason) => {
    expect(verdict(text, quote, speaker)).toBe(reason);
  });
});

describe("the subjects of speech verbs in a sentence", () => {
  it.each([
    [
      "a name with its place and appositive",
      "Rep. Tom Cole of Ohio, a Reed supporter, said the talks would help.",
      [{ name: "Rep. Tom Cole of Ohio", appositive: "a Reed supporter" }],
    ],
    [
      "a name after the verb, closing its clause",
      '"It is done," said Mark Evans.',
      [{ name: "Mark Evans", appositive: "" }],
    ],
    ["a name after the verb that opens a reported clause", "Ann Hale now said Trump had the chance.", []],
    ["the one a question is put to", "A reporter asked Sanders how he felt.", []],
    ["a name inside the quotation", '"Reed said no," he told us.', []],
  ])("%s", (_case, text, subjects) => {
    expect(speechSubjects(text)).toEqual(subjects);
  });
});

const standIn = useStandIn();

describe("a pronoun's quote credited to the one its speaker was described by, over the real openai SDK", () => {
  it("drops the model's quote for Reed and keeps the same words for Cole", async () => {
    const { prepared } = analyseArticle({ text: SUPPORTER });
    const first = prepared.sentences[0].text;
    const quote = { quote: "It is not do or die,", sentence: 2 };
    for (const [speaker, dropped] of [
      ["Dan Reed", [["It is not do or die,", "speaker-contradicted"]]],
      ["Tom Cole", []],
    ] as const) {
      standIn().script(
        reply.json({
          keyPoints: [{ text: first, sentences: [0] }],
          quotes: [{ ...quote, speaker }],
          openQuestions: [],
        }),
      );
      const { trace, brief } = await engineFor(standIn()).engine.briefWithTrace({ text: SUPPORTER });
      expect(trace.dropped.map((d) => [d.text, d.reason])).toEqual(dropped);
      const shown = brief.quotes.find((q) => q.quote.startsWith("It is not do or die"));
      // A dropped model quote is replaced by the engine's own, with the engine's speaker.
      expect(shown?.speaker).toBe("Tom Cole");
    }
  });
});

const TWO_MB = 2 * 1024 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(TWO_MB / unit.length)).slice(0, TWO_MB);

/** The subjects are read from short slices beside each verb: no pattern may backtrack over a long run. */
describe("the subjects of speech verbs in a hostile 2 MB sentence", () => {
  it.each([
    ["names with places and appositives", fill("Ann Lee of Ohio, a Reed aide, said Dan Reed, ")],
    ["a run of capitals before and after each verb", fill(`${"A".repeat(50)} said `)],
    ["capitals, full stops and verbs", fill("said ABCDEFGH IJKL. ")],
    // Listening verbs (their object hears) and appositives that never close.
    [
      "listening verbs and open appositives",
      fill("Tom Cole, a Reed supporter, asked Sanders how Reed told Cole, "),
    ],
  ])(
    "%s",
    (_case, text) => {
      const started = performance.now();
      expect(speechSubjects(text).length).toBeGreaterThan(0);
      expect(performance.now() - started).toBeLessThan(20_000);
    },
    60_000,
  );
});
