import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/qa/answer.js";
import { buildStoryIndex } from "../../../src/core/qa/story-index.js";
import { FULL_SCAN_STORIES, whoSaid } from "../../../src/core/qa/who-said.js";
import { prepareText } from "../../../src/core/text/prepare.js";
import type { Quote } from "../../../src/core/types.js";

// A tenant with more stories than are compared in full: the shortlist and prefilter paths.
const topics = ["library", "stadium", "museum", "hospital", "airport", "school", "market", "station"];
function story(i: number) {
  const topic = topics[i % topics.length]!;
  const text = `The city opened a new ${topic} in district ${i} on Monday. "The ${topic} will serve ${1000 + i} families," Mayor Person${i} said. Construction took ${i + 2} months.`;
  const prepared = prepareText(text, { detectTitle: false });
  const quoteText = `The ${topic} will serve ${1000 + i} families,`;
  const start = prepared.text.indexOf(quoteText);
  const quotes: Quote[] = [
    { quote: quoteText, speaker: `Person${i}`, sentence: 1, start, end: start + quoteText.length },
  ];
  return buildStoryIndex(`story-${i}`, prepared, { title: `New ${topic} in district ${i}`, quotes });
}
const ferryText =
  'The harbour ferry will run every twenty minutes from June. "Nobody should wait in the rain," harbour master Ines Duarte said.';
const ferryPrepared = prepareText(ferryText, { detectTitle: false });
const ferryQuote = "Nobody should wait in the rain,";
const ferryStart = ferryPrepared.text.indexOf(ferryQuote);
const special = buildStoryIndex("ferry", ferryPrepared, {
  title: "Harbour ferry timetable",
  quotes: [
    {
      quote: ferryQuote,
      speaker: "Ines Duarte",
      sentence: 1,
      start: ferryStart,
      end: ferryStart + ferryQuote.length,
    },
  ],
});
const tenant = [...Array.from({ length: 40 }, (_, i) => story(i)), special];

describe("a tenant's stories", () => {
  it("is larger than the full-scan limit", () => {
    expect(tenant.length).toBeGreaterThan(FULL_SCAN_STORIES);
  });

  it("answers from the one story that says it, and names it", () => {
    const a = answerQuestion(tenant, "How often will the harbour ferry run?");
    expect(a.storyId).toBe("ferry");
    expect(a.sentences[0]!.text).toContain("every twenty minutes");
    expect(answerQuestion(tenant, "Who won the chess final in Oslo?").answer).toBeNull();
  });

  it("finds who said a fragment, with a typo, among all stories", () => {
    expect(whoSaid(tenant, "nobody should wiat in the rain").matches[0]).toMatchObject({
      speaker: "Ines Duarte",
      storyId: "ferry",
    });
    expect(whoSaid(tenant, "the stadium will serve 1001 families").matches[0]).toMatchObject({
      speaker: "Person1",
      storyId: "story-1",
    });
    expect(whoSaid(tenant, "we will never surrender the bridge").matches).toEqual([]);
  });
});
