import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/qa/answer.js";
import { indexArticle } from "../../../src/core/qa/article.js";

// One sentence names one of the people the mayor met, a later one (not next to it) all of them.
const story = (later: string, title = "Mayor Grant Visits Porto") =>
  indexArticle("porto", {
    text: [
      title,
      "Mayor Lisa Grant spent two days in Porto this week.",
      "Grant's meetings with Silva were described as friendly by her office.",
      "The trip cost the city about 4,000 euros.",
      later,
      "Grant said the visit had gone well.",
    ].join("\n\n"),
  });

const ALL =
  "On the second day Grant met with port director Tom Reed and finance minister Ana Silva at the harbour.";
const SAME = "On the second day Grant met with finance minister Ana Silva at the harbour.";

describe("a 'who' answer shows the sentence close behind it that names more of the people", () => {
  it.each([
    // Reed is someone the answer lacks: shown second.
    ["who did Grant meet?", ALL, ["meetings with Silva", "Tom Reed"]],
    ["Who did Grant have meetings with?", ALL, ["meetings with Silva", "Tom Reed"]],
    // "Ana Silva" is the Silva of the answer: nobody new, one sentence.
    ["who did Grant meet?", SAME, ["meetings with Silva"]],
    // Far behind (it names Reed, but says nothing of a meeting): not shown.
    [
      "who did Grant meet?",
      "Grant has known port director Tom Reed and finance minister Ana Silva since 2019.",
      ["meetings with Silva"],
    ],
    // Not a question about people: a confident answer stands alone.
    ["How much did the trip cost?", ALL, ["4,000 euros"]],
  ])("%s (later: %s)", (question, later, shown) => {
    const a = answerQuestion(story(later), question);
    expect(a.sentences).toHaveLength(shown.length);
    for (const [i, text] of shown.entries()) expect(a.sentences[i]?.text).toContain(text);
  });

  it("answers with everyone the two sentences name, each once in its fullest form; the span stays the first's", () => {
    const a = answerQuestion(story(ALL), "who did Grant meet?");
    expect(a.answer).toBe("Tom Reed and Ana Silva");
    expect(a.span?.text).toBe("Silva");
  });

  it("answers from the first sentence alone when nobody is added", () => {
    expect(answerQuestion(story(SAME), "who did Grant meet?").answer).toBe("Silva");
  });
});
