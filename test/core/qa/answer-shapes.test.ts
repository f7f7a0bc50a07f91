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
  "The water company said its Paris office will move to Berlin next year.",
  "The rates committee first gathered in mid-January to look at the accounts.",
].join("\n\n");
const city = indexArticle("city", { text: CITY });

describe("answers keep the shape of what the sentence says", () => {
  it.each([
    ["How much would the monthly bill rise?", "from $64 to about $75"],
    ["How long will the pipe repairs take?", "between three and five weeks"],
    ["Who did the council meet on Wednesday?", "Mayor Lisa Grant, Ana Ruiz and Tom Ash"],
    // "its Paris office": a place that modifies a noun is not where the office goes.
    ["Where will the office move?", "Berlin"],
    ["When did the rates committee first gather?", "mid-January"],
  ])("%s → %s", (question, answer) => {
    expect(answerQuestion(city, question).answer).toBe(answer);
  });
});

// The mayor is named throughout, the vote once: the sentence about the vote shares the question's
// rarest words, the one about the mayor answers it (and denies a meeting, not the mayor).
const MAYOR = [
  "Mayor Grant Faces Questions Over Bridge",
  "Mayor Lisa Grant has faced questions for weeks over the closure of the Fifth Street bridge.",
  "Grant said on Monday that the repairs were overdue.",
  "The city council voted on Tuesday in a packed chamber to close the bridge for six months.",
  "The council did not meet with Grant, who was in Lisbon at a conference on river transport.",
  "Grant has promised shop owners a ferry while the bridge is closed.",
  "Critics of Grant say the ferry will cost too much.",
].join("\n\n");
const mayor = indexArticle("mayor", { text: MAYOR });

describe("what is asked outweighs the circumstance it is asked in", () => {
  it.each([
    ["where was Grant while the council voted?", "Lisbon"],
    ["While the council voted, where was Grant?", "Lisbon"],
    ["where was Grant while the council was voting?", "Lisbon"],
  ])("%s → %s", (question, answer) => {
    const result = answerQuestion(mayor, question);
    expect(result.sentences[0]?.text).toContain("was in Lisbon");
    expect(result.answer).toBe(answer);
  });

  it("still finds the sentence of the circumstance when that is what is asked", () => {
    expect(answerQuestion(mayor, "When did the council vote?").sentences[0]?.text).toContain(
      "voted on Tuesday",
    );
  });
});
