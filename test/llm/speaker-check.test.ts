import { describe, expect, it } from "vitest";
import { analyseArticle } from "../../src/core/analyse.js";
import { prepareText } from "../../src/core/text/prepare.js";
import type { Quote } from "../../src/core/types.js";
import { sentenceIdAt } from "../../src/llm/quote-match.js";
import { checkSpeaker, speakerConfidenceOf } from "../../src/llm/speaker-check.js";
import { engineFor, speakerVerdict as verdict } from "./helpers.js";
import { reply } from "./stand-in.js";
import { useStandIn } from "./use-stand-in.js";

const HYPHEN =
  'The council met on Tuesday.\n\nMaria Lopez-Ortiz, a council member, spoke first. "We need the bridge," she said.\n\n"We are shocked," one B&Q Leeds employee told reporters.';
// The control character is dropped from the article when it is prepared; the model's copy keeps it.
const CONTROL = 'The vote was close.\n\n"It was fair," said Jes\u0083us Ortega, the clerk.';
const CHECKLIST = [
  "Tom Reyes opened the meeting on Monday.",
  "Ann Burke, who wrote the party's checklist, said every candidate must answer these questions:",
  ...[
    "Has the candidate led?",
    "Has the candidate served?",
    "Has the candidate won?",
    "Has the candidate raised money?",
    "Has the candidate kept promises?",
    "Has the candidate built a team?",
    "Does the candidate still listen to voters?",
  ].map((q) => `"${q}"`),
].join("\n\n");
const APPOSITION =
  'Ann Hale pledged her vote to the mayor.\n\n"We need to close this race," she said.\n\nAnother delegate, Michael Brown of Ohio, explained the reason for his support for the mayor.\n\n"It is time to stand behind our candidate," he declared.';
const SPOKESMAN =
  'Michael Berkman, a professor, studies the state.\n\n"We will run everywhere," said Michael Tyler, a spokesman for the campaign.';
const ASKED =
  'Maria Lopez and the host Dan Reed met on Friday.\n\nLopez was asked by the host, Dan Reed, who supports her, "Will you run again next year?"';
const TOLD =
  'Maria Lopez and Dan Reed met on Friday.\n\nLopez was talking about the race when she told Dan Reed of Channel 4, "I will run again next year."';
const POSSESSIVE =
  'Ann Burke and Dan Reed were on the panel.\n\nBurke interrupted Reed\'s monologue and later said, "Nobody asked me about the budget."';

describe("grounding a model's speaker: the rules added for misattributed quotes", () => {
  it.each([
    ["a hyphenated name", HYPHEN, "We need the bridge", "Maria Lopez-Ortiz", undefined],
    ["a name with an ampersand", HYPHEN, "We are shocked", "one B&Q Leeds employee", undefined],
    [
      "a control character in the model's copy of a name",
      CONTROL,
      "It was fair",
      "Jes\u0083us Ortega",
      undefined,
    ],
    [
      "a quote-only list the engine traces back to its speaker",
      CHECKLIST,
      "Does the candidate still listen",
      "Ann Burke",
      undefined,
    ],
    [
      "someone else named before the same list",
      CHECKLIST,
      "Does the candidate still listen",
      "Tom Reyes",
      "speaker-not-near-quote",
    ],
    [
      "a description with the name in apposition",
      APPOSITION,
      "It is time to stand behind",
      "Another delegate, Michael Brown of Ohio",
      undefined,
    ],
    ["the name said credits", SPOKESMAN, "We will run everywhere", "Michael Tyler", undefined],
    ["its surname", SPOKESMAN, "We will run everywhere", "Tyler", undefined],
    [
      "another man who shares the first name",
      SPOKESMAN,
      "We will run everywhere",
      "Michael Berkman",
      "speaker-contradicted",
    ],
    ["the one who was asked", ASKED, "Will you run again", "Maria Lopez", "speaker-contradicted"],
    [
      "the one told (by surname: no pronoun to check)",
      TOLD,
      "I will run again",
      "Reed",
      "speaker-contradicted",
    ],
    ["the one telling", TOLD, "I will run again", "Maria Lopez", undefined],
    ["a name only in the possessive", POSSESSIVE, "Nobody asked me", "Dan Reed", "speaker-contradicted"],
    ["the sentence's speaker", POSSESSIVE, "Nobody asked me", "Ann Burke", undefined],
  ])("%s", (_case, text, quote, speaker, reason) => {
    expect(verdict(text, quote, speaker)).toBe(reason);
  });
});

describe("the confidence shown for a model's speaker", () => {
  const engine: Quote[] = [
    { quote: "x", speaker: "Dorothy Woods", speakerConfidence: "high", sentence: 0, start: 10, end: 20 },
    { quote: "y", speaker: "Sam Hale", speakerConfidence: "low", sentence: 1, start: 30, end: 40 },
  ];
  it.each([
    ["the engine's speaker on strong evidence", "Dorothy Woods", 10, "high"],
    ["their surname", "Woods", 12, "high"],
    ["someone sharing the surname", "Ty Woods", 10, "low"],
    ["the engine's speaker on weak evidence", "Sam Hale", 30, "low"],
    ["no speaker", null, 10, "low"],
  ])("%s", (_case, speaker, start, confidence) => {
    expect(speakerConfidenceOf(speaker, { start, end: start + 5 }, engine)).toBe(confidence);
  });
});

const standIn = useStandIn();

describe("a model's misattributed quote over the real openai SDK", () => {
  const article = `${ASKED}\n\n"I have not decided," Lopez said.`;
  it("drops the question credited to the one it was put to and keeps the answer", async () => {
    const { prepared } = analyseArticle({ text: article });
    const first = prepared.sentences[0].text;
    standIn().script(
      reply.json({
        keyPoints: [{ text: first, sentences: [0] }],
        quotes: [
          { quote: "Will you run again next year?", speaker: "Maria Lopez", sentence: 1 },
          { quote: "I have not decided,", speaker: "Maria Lopez", sentence: 2 },
        ],
        openQuestions: [],
      }),
    );
    const { trace, brief } = await engineFor(standIn()).engine.briefWithTrace({ text: article });
    expect(trace.dropped.map((d) => [d.text, d.reason])).toEqual([
      ["Will you run again next year?", "speaker-contradicted"],
    ]);
    const shown = brief.quotes.find((q) => q.quote.startsWith("I have not decided"));
    expect(shown?.speaker).toBe("Maria Lopez");
    // "…," Lopez said: the engine's strong evidence for the same person.
    expect(shown?.speakerConfidence).toBe("high");
  });
});

const TWO_MB = 2 * 1024 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(TWO_MB / unit.length)).slice(0, TWO_MB);

/** The patterns read the words beside a quote and the quote's sentence: none may backtrack over a long run. */
describe("the speaker check on hostile 2 MB paragraphs", () => {
  it.each([
    ["capitals", fill("ABCDEFGHIJ")],
    ["possessive capitals", fill("Trump's Reed's Maher' ")],
    ["quote marks, capitals and colons", fill('"A," Mr. B was asked by C: "Name: ')],
    ["told and asked, capitals", fill('told Dan Reed of Fox, asked B. C, "')],
  ])(
    "%s",
    (_case, text) => {
      const prepared = prepareText(text, { detectTitle: false });
      const start = Math.floor(prepared.text.length / 2);
      const span = { start, end: start + 40 };
      const sentence = {
        firstSentence: sentenceIdAt(prepared, span.start),
        lastSentence: sentenceIdAt(prepared, span.end),
      };
      const started = performance.now();
      for (const speaker of ["Mr. B", "Dan Reed", "Zed Quill's aide"])
        checkSpeaker(prepared, speaker, { ...span, ...sentence }, [], []);
      expect(performance.now() - started).toBeLessThan(20_000);
    },
    60_000,
  );
});

/**
 * The sentence before a quote is read for who only describes the engine's speaker ("Rep. Tom
 * Cole, a Reed supporter, said"): each speech verb's subject from a short slice beside it, so a
 * 2 MB sentence of them costs its length once per check.
 */
describe("the speaker check after a hostile 2 MB sentence", () => {
  it.each([
    ["appositives naming the model's speaker", "Rep. Tom Cole, a Reed supporter, said Dan Reed, "],
    ["the passive, again and again", "Sanders was asked by host was asked by host Bill Maher whether, "],
    ["a verb before the name", ", but now said Trump had , but now said "],
  ])(
    "%s",
    (_case, unit) => {
      const prepared = prepareText(`${fill(unit)}. "It is not do or die for us," he said.`, {
        detectTitle: false,
      });
      const start = prepared.text.lastIndexOf('"It') + 1;
      const end = prepared.text.indexOf('"', start);
      const span = {
        start,
        end,
        firstSentence: sentenceIdAt(prepared, start),
        lastSentence: sentenceIdAt(prepared, end),
      };
      // The engine's own attribution of the same words, to someone else.
      const rival: Quote = {
        quote: prepared.text.slice(start, end),
        speaker: "Tom Cole",
        speakerConfidence: "low",
        sentence: span.firstSentence,
        start,
        end,
      };
      expect(span.firstSentence).toBeGreaterThan(0);
      const started = performance.now();
      for (const speaker of ["Dan Reed", "Bill Maher", "Trump"])
        expect(["ok", "contradicted", "not-in-article", "not-near-quote"]).toContain(
          checkSpeaker(prepared, speaker, span, [], [rival]),
        );
      expect(performance.now() - started).toBeLessThan(20_000);
    },
    60_000,
  );
});
