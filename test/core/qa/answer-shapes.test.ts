import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/qa/answer.js";
import { indexArticle } from "../../../src/core/qa/article.js";

const STORY = [
  "Council Votes To Close Bridge",
  "The city council voted on Tuesday to close the Fifth Street bridge for six months of repairs.",
  "Mayor Lisa Grant met with shop owners on Wednesday to explain the closure.",
  "Grant did not meet with the transport union, whose leaders asked for talks last week.",
  "The repairs will cost about $12 million, paid from the state's road fund.",
  "Nobody has said whether the ferry will run more often while the bridge is closed.",
].join("\n\n");
const index = indexArticle("bridge", { text: STORY });

describe("yes/no questions are answered yes, no, or not for certain — with the sentence", () => {
  it.each([
    ["Did Grant meet the shop owners?", "Yes.", "met with shop owners"],
    ["Did Grant meet the transport union?", "No.", "did not meet with the transport union"],
    ["Will the ferry run more often?", "The story does not say for certain.", "ferry"],
    ["Is the bridge closed for repairs?", "Yes.", "close the Fifth Street bridge"],
  ])("%s → %s", (question, answer, evidence) => {
    const result = answerQuestion(index, question);
    expect(result.answer).toBe(answer);
    expect(result.sentences[0]?.text).toContain(evidence);
  });

  it("a question offering alternatives is not a yes/no question", () => {
    const result = answerQuestion(index, "Did the repairs cost $12 million or $20 million?");
    expect(result.answer).not.toMatch(/^(?:Yes|No)\.$/);
  });

  it("a yes/no question the story does not touch is still 'not in the story'", () => {
    expect(answerQuestion(index, "Did the orchestra tour Japan in the spring?").answer).toBeNull();
  });
});
const CITY = [
  "Water Bills To Rise",
  "The city council approved new water rates on Tuesday.",
  "The average monthly bill would rise from $64 to about $75 under the plan.",
  "Repairs to the main pipe will take between three and five weeks.",
  "The council met Mayor Lisa Grant, fire chief Ana Ruiz and union leader Tom Ash on Wednesday.",
].join("\n\n");
const city = indexArticle("city", { text: CITY });

describe("answers keep the shape of what the sentence says", () => {
  it.each([
    ["How much would the monthly bill rise?", "from $64 to about $75"],
    ["How long will the pipe repairs take?", "between three and five weeks"],
    ["Who did the council meet on Wednesday?", "Mayor Lisa Grant, Ana Ruiz and Tom Ash"],
  ])("%s → %s", (question, answer) => {
    expect(answerQuestion(city, question).answer).toBe(answer);
  });
});
