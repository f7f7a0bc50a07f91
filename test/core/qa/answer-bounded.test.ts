import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/qa/answer.js";
import { analyseQuestion } from "../../../src/core/qa/question.js";
import { buildStoryIndex } from "../../../src/core/qa/story-index.js";
import { prepareText } from "../../../src/core/text/prepare.js";

const TWO_MB = 2 * 1024 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(TWO_MB / unit.length)).slice(0, TWO_MB);
// The longest question the command takes.
const upTo500 = (q: string) => `${q.slice(0, 498)} ?`;

/**
 * What a denial denies, the circumstance of a question and the names a second sentence adds are read
 * per sentence: none may cost more than its sentence's length, however long. Each story is one 2 MB
 * sentence (the input limit) of a single pattern, asked the longest questions its pattern invites.
 */
describe("answering from a hostile 2 MB sentence", () => {
  it.each([
    [
      "denials, adverbs and circumstance words",
      fill("the mayor did not even formally meet nor yet ever quietly meet the council while "),
      [
        "Did the mayor meet the council while the council voted?",
        upTo500(
          `Where was the mayor ${"while the council voted when the storm came after the vote ".repeat(9)}`,
        ),
      ],
    ],
    [
      "subordinate clauses",
      fill("while the council voted when the storm came after the vote before the mayor left until "),
      [
        upTo500(`Who spoke ${"while the council voted when the storm came after the vote ".repeat(9)}`),
        upTo500(`When the council voted ${"and the storm came ".repeat(30)}, who spoke`),
      ],
    ],
    [
      "names and particles",
      fill("Vice President Kamala Harris met Jake Sullivan and Ana de la Cruz, "),
      ["Who did Kamala Harris meet?", "Who met Jake Sullivan while the council voted?"],
    ],
    [
      "capitals, colons and quote marks",
      fill('ABC DEF: "GHI JKL" MNO: '),
      ["Who met ABC while DEF voted?", "Did ABC meet DEF after GHI left?"],
    ],
  ])(
    "%s",
    (_case, text, questions) => {
      const started = performance.now();
      const story = buildStoryIndex("hostile", prepareText(text, { detectTitle: false }), {
        title: "A story",
      });
      for (const question of questions) {
        const a = answerQuestion(story, question);
        // (The sentence denies the meeting, past its adverbs.)
        if (question.startsWith("Did the mayor meet")) expect(a.answer).toBe("No.");
        expect(a.problem).toBeUndefined();
        for (const s of a.sentences) expect(story.sentences.some((x) => x.text === s.text)).toBe(true);
      }
      expect(performance.now() - started).toBeLessThan(20_000);
    },
    60_000,
  );

  it("reads the circumstance of an over-long question in one pass", () => {
    const started = performance.now();
    const q = analyseQuestion(`Who spoke ${"while when after before until, ".repeat(60_000)}?`);
    expect(q.terms.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
