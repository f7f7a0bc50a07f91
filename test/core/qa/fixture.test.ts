import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/qa/answer.js";
import { indexArticle } from "../../../src/core/qa/article.js";
import { quotesBySpeaker } from "../../../src/core/qa/by-speaker.js";
import { whoSaid } from "../../../src/core/qa/who-said.js";

// The project's reference article (CNN, March 2024), through the real engine: sentences,
// entities and attributed quotes.
const text = readFileSync(new URL("../../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");
const index = indexArticle("cnn-biden-netanyahu", { text });

describe("questions about the reference article", () => {
  it.each([
    // who met whom
    [
      "Who did Gantz meet at the White House?",
      "Kamala Harris",
      "Vice President Kamala Harris and Jake Sullivan",
    ],
    ["Who did Biden speak with on the phone in mid-January?", "Benjamin Netanyahu", undefined],
    // the announced port
    ["What did the president announce the US military will establish?", "establishing a port", undefined],
    // the six-week pause
    ["How long would the pause in fighting last?", "six-week pause", "six-week"],
    // the December call
    ["How did Biden end the call in December?", "hanging up", undefined],
    ["When did Biden abruptly end a call?", "December", "December"],
    // the nickname
    ["What is Netanyahu's nickname?", "Bibi", "Bibi"],
    ["Where was Biden campaigning?", "Pennsylvania", "Pennsylvania"],
  ])("%s", (question, inSentence, span) => {
    const a = answerQuestion(index, question);
    expect(a.sentences[0]?.text).toContain(inSentence);
    if (span) expect(a.answer).toBe(span);
    expect(a.storyId).toBe("cnn-biden-netanyahu");
  });

  // The probes, as a user would type them (lower case, no article title given).
  it.each([
    // "what will X build?" is answered by the thing built, not by another sentence with "build".
    ["what will the US military build?", ["port"], undefined],
    ["did Gantz meet Biden?", ["did not meet with Biden"], "No."],
    ["who did Gantz meet?", ["Harris"], "Vice President Kamala Harris and Jake Sullivan"],
    ["what nickname does Biden use for Netanyahu?", ["Bibi", "nickname"], "Bibi"],
    // The question's subject ("where was Biden") outweighs its circumstance ("while Gantz was in
    // Washington"), and "did not meet with Biden" denies the meeting, not Biden.
    ["where was Biden while Gantz was in Washington?", ["Camp David"], "Camp David"],
  ])("probe: %s", (question, words, answer) => {
    const a = answerQuestion(index, question);
    for (const w of words) expect(a.sentences[0]?.text).toContain(w);
    if (answer) expect(a.answer).toBe(answer);
  });

  // The sentence naming Harris alone ranks first, the one naming everyone he met close behind: it
  // is shown too.
  it("shows everyone Gantz met", () => {
    const a = answerQuestion(index, "who did Gantz meet?");
    expect(a.sentences.map((s) => s.text).join(" ")).toContain("Jake Sullivan");
    expect(a.answer).toContain("Harris");
    expect(a.answer).toContain("Jake Sullivan");
  });

  it("cites the sentence a referring sentence leans on", () => {
    const a = answerQuestion(index, "Who did Gantz meet at the White House?");
    expect(a.sentences.map((s) => s.text).join(" ")).toContain("Gantz did not meet with Biden");
  });

  it.each([
    ["What did the Pope say about Ramadan?"],
    ["How many people live on Mars?"],
    ["Who won the 2024 Super Bowl?"],
  ])("says not in the story for %s", (question) => {
    expect(answerQuestion(index, question).answer).toBeNull();
  });
});

describe("who said it, in the reference article", () => {
  // Speakers as the attribution engine words them; matched loosely so that its wording may evolve.
  it.each([
    ["its looking tough", /^(President )?(Joe )?Biden$/],
    ["It's looking tuogh", /^(President )?(Joe )?Biden$/],
    ["frustrations continue", /senior administration official/i],
    ["younger senator met Bibi", /adviser/i],
    ["Im on a hot mic", /^(President )?(Joe )?Biden$/],
    ["strong ally of Israel", /spokesperson/i],
  ])("%s → %s", (fragment, speaker) => {
    expect(whoSaid(index, fragment).matches[0]?.speaker).toMatch(speaker);
  });

  it("does not attribute narration or invented words", () => {
    expect(whoSaid(index, "Biden swatted away the idea").matches).toEqual([]);
    expect(whoSaid(index, "we will win this war by summer").matches).toEqual([]);
  });

  it("lists quotes by surname and by description", () => {
    const kirby = quotesBySpeaker(index, "Kirby");
    expect(kirby).toHaveLength(1);
    expect(kirby[0]!.quote).toMatch(/^No\b/);
    expect(quotesBySpeaker(index, "the spokesperson").length).toBeGreaterThanOrEqual(3);
  });
});
