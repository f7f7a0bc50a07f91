import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/qa/answer.js";
import { analyseQuestion } from "../../../src/core/qa/question.js";
import { buildStoryIndex } from "../../../src/core/qa/story-index.js";
import { prepareText } from "../../../src/core/text/prepare.js";

// Stories of our own, through the real text stage.
const harbour = buildStoryIndex(
  "harbour",
  prepareText(
    [
      "The city council approved a new harbour wall on Tuesday after a long debate.",
      "Construction will begin in April 2025 and is expected to take eighteen months.",
      "The project will cost about 42 million euros, most of it paid by the regional government.",
      "Mayor Ana Silva said the wall was needed because storms had flooded the old town three times in a decade.",
      "Opponents, led by councillor Tom Reed, wanted the money spent on schools instead.",
      "The vote was held in Porto's town hall.",
    ].join("\n\n"),
    { detectTitle: false },
  ),
  { title: "Harbour wall approved" },
);

describe("answerQuestion on a story of our own", () => {
  it.each([
    ["When will construction begin?", "April 2025", 1],
    ["How long will construction take?", "eighteen months", 1],
    ["How much will the project cost?", "42 million", 2],
    ["Who led the opponents?", "Tom Reed", 4],
    ["Where was the vote held?", "Porto", 5],
    ["Why was the wall needed?", "because storms had flooded the old town", 3],
    ["When did the council approve the harbour wall?", "Tuesday", 0],
  ])("%s", (question, answerPart, sentenceId) => {
    const a = answerQuestion(harbour, question);
    expect(a.sentences[0]?.id).toBe(sentenceId);
    expect(a.sentences[0]!.text).toContain(answerPart);
    expect(a.answer).toContain(answerPart);
    expect(a.storyId).toBe("harbour");
  });

  it.each([
    ["What did the Pope say about the harbour?"],
    ["How many goals did Messi score?"],
    ["Who won the election in Brazil?"],
    ["?!?!"],
    ["🙂🙂"],
  ])("says not in the story for %s", (question) => {
    const a = answerQuestion(harbour, question);
    expect(a.answer).toBeNull();
    expect(a.sentences).toEqual([]);
  });

  it("does not look at an empty question or one over the limit, and says why", () => {
    expect(answerQuestion(harbour, "  ")).toMatchObject({ answer: null, sentences: [], problem: "empty" });
    const long = answerQuestion(harbour, `How much will the wall cost? ${"really ".repeat(300)}`);
    expect(long).toMatchObject({ answer: null, problem: "too-long" });
    expect(answerQuestion(harbour, "How much will the project cost?").problem).toBeUndefined();
  });

  it("answers from the right story among several and names it", () => {
    const other = buildStoryIndex(
      "transit",
      prepareText("The new tram line opened on Friday. It carries 30,000 passengers a day.", {
        detectTitle: false,
      }),
    );
    const a = answerQuestion([other, harbour], "How much will the project cost?");
    expect(a.storyId).toBe("harbour");
    expect(a.sentences[0]!.text).toContain("42 million");
    const b = answerQuestion([other, harbour], "How many passengers does the tram line carry?");
    expect(b.storyId).toBe("transit");
  });
});

describe("what supports an answer, and who a pronoun is", () => {
  const final = buildStoryIndex(
    "final",
    prepareText(
      [
        "The match was played in Leeds before 30,000 fans.",
        "Maria Costa became the first goalkeeper to captain two different clubs to the title.",
        "She is also the oldest player ever to lift the trophy, at 38.",
        "The trophy was presented by the league's chairman.",
      ].join("\n\n"),
      { detectTitle: false },
    ),
    { title: "Women's cup final" },
  );

  it("answers 'who?' with the sentence that names the person a leading pronoun stands for", () => {
    const a = answerQuestion(final, "Who is the oldest player to lift the trophy?");
    expect(a.sentences.map((s) => s.id)).toEqual([1, 2]);
    expect(a.sentences[0]!.text).toContain("Maria Costa");
  });

  it.each([
    // The name is most of the question: never answered from a story that does not name it.
    ["What did the Pope say about the trophy?"],
    ["How many goals did Messi score in the final?"],
  ])("says not in the story for %s", (question) => {
    expect(answerQuestion(final, question).answer).toBeNull();
  });

  it("answers when a name the story lacks only qualifies a noun or is one detail among many", () => {
    // "TV" is not in the story; the question is about the fans and the match.
    const a = answerQuestion(final, "How many fans saw the match on TV in Leeds?");
    expect(a.sentences[0]?.id).toBe(0);
  });
});

describe("names in questions", () => {
  it.each([
    ["What did the Pope say?", [{ stems: ["pope"], modifier: false }]],
    ["How many TV networks aired it?", [{ stems: ["tv"], modifier: true }]],
    ["What is in the V&A collection?", []],
    ["How many trams did Siemens build?", [{ stems: ["siemen"], modifier: false }]],
  ])("%s", (question, names) => {
    expect(analyseQuestion(question).names).toEqual(names);
  });
});

describe("a story that names its topic in every sentence", () => {
  const tram = buildStoryIndex(
    "tram",
    prepareText(
      [
        "The Porto tram network opened in 1895 with horse-drawn cars.",
        "The Porto tram network was electrified in 1904.",
        "Today the Porto tram network carries mostly tourists along the river.",
        "The Porto tram network is run by the city's transport company.",
      ].join("\n\n"),
      { detectTitle: false },
    ),
    { title: "Porto tram network" },
  );

  // Within the story "Porto tram network" has almost no IDF; whether the story answers at all is
  // judged by how rare the words are in English.
  it.each([
    ["Who rides the Porto tram network nowadays?", 2],
    ["When did the Porto tram network begin operating?", 0],
  ])("%s", (question, id) => {
    expect(answerQuestion(tram, question).sentences[0]?.id).toBe(id);
  });

  it.each([
    ["What did the Pope say about the Porto tram network?"],
    ["How many trams did Siemens build for the Porto network?"],
  ])("says not in the story for %s (a name it never mentions)", (question) => {
    expect(answerQuestion(tram, question).answer).toBeNull();
  });
});

describe("what the question asks for, beyond its answer type", () => {
  const siege = buildStoryIndex(
    "siege",
    prepareText(
      [
        "In winter the troops attacked the fort, once the lake had frozen.",
        "In winter the troops attacked across Lake Tarvin and burned the storehouses outside the fort.",
        "The garrison surrendered in March.",
      ].join("\n\n"),
      { detectTitle: false },
    ),
    { title: "The winter siege" },
  );

  it("prefers a name that holds the 'what' noun ('on what lake' → 'Lake Tarvin')", () => {
    const a = answerQuestion(siege, "On what lake did the troops attack the fort in winter?");
    expect(a.sentences[0]!.text).toContain("Lake Tarvin");
  });

  it("does not answer with a name the question itself gives", () => {
    const story = buildStoryIndex(
      "nick",
      prepareText(
        "Nothing has changed since Ana Silva first met Tommy, an aide said, using her deputy's nickname.",
        { detectTitle: false },
      ),
    );
    expect(answerQuestion(story, "What nickname does Silva use for her deputy?").answer).toBe("Tommy");
  });
});

describe("acronyms", () => {
  it.each([
    ["What will the US military build?"],
    ["What will the U.S. military build?"],
    ["What will the United States military build?"],
  ])("keeps the US as a term in %s", (question) => {
    expect(analyseQuestion(question).terms).toContain("usx");
  });

  it("indexes 'the United States' and 'US' alike, and leaves the pronoun 'us' out", () => {
    const story = buildStoryIndex(
      "aid",
      prepareText("The United States will help us. The US will build a pier.", { detectTitle: false }),
    );
    expect(story.sentences.map((s) => s.terms.filter((t) => t === "usx").length)).toEqual([1, 1]);
  });
});
