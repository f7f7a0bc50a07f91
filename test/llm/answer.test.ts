import { describe, expect, it } from "vitest";
import { indexArticle } from "../../src/core/qa/article.js";
import type { Retriever } from "../../src/llm/answer.js";
import { hasLiveMention } from "../../src/llm/mentions.js";
import { NOT_IN_STORY, notes } from "../../src/llm/notes.js";
import { retrievalFromIndex } from "../../src/llm/retrieval.js";
import { councilArticle, engineFor, idOf, prepared } from "./helpers.js";
import { reply } from "./stand-in.js";
import { useStandIn } from "./use-stand-in.js";

const p = prepared(councilArticle);
const ids = { vote: idOf(p, "voted 7-2"), construction: idOf(p, "Construction is expected") };

/** A stand-in for the deterministic retrieval: sentences sharing a long word, most shared first. */
const retrieve: Retriever = (question) => {
  const words = question.toLowerCase().match(/[a-z]{6,}/g) ?? [];
  return p.sentences
    .map((s) => ({ s, hits: words.filter((w) => s.text.toLowerCase().includes(w)).length }))
    .filter((x) => x.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.s.id - b.s.id)
    .map(({ s }) => ({ id: s.id, text: s.text }));
};

const standIn = useStandIn();

describe("LLM answers", () => {
  it("answers from the retrieved sentences, citing them", async () => {
    standIn().script(
      reply.json({
        supported: true,
        answer: "Construction is expected to take about three years.",
        sentences: [ids.construction],
      }),
    );
    const { engine } = engineFor(standIn());
    const a = await engine.answer({ question: "How long will construction take?", retrieve });
    expect(a).toMatchObject({ engine: "llm", supported: true, notes: [] });
    expect(a.answer).toBe("Construction is expected to take about three years.");
    expect(a.sentences.map((s) => s.id)).toEqual([ids.construction]);
    // Only the retrieved sentences were sent.
    const sent = standIn().requests[0].messages[1].content;
    expect(sent).toContain(`[${ids.construction}]`);
    expect(sent).not.toContain(`[${ids.vote}] `);
  });

  it('says "not in the story" when the model finds no support', async () => {
    standIn().script(reply.json({ supported: false, answer: "", sentences: [] }));
    const { engine } = engineFor(standIn());
    const a = await engine.answer({ question: "Who designed the construction?", retrieve });
    expect(a).toMatchObject({ answer: NOT_IN_STORY, supported: false, sentences: [] });
  });

  it('says "not in the story" without a call when nothing is retrieved', async () => {
    const { engine } = engineFor(standIn());
    const a = await engine.answer({ question: "What about the zebras?", retrieve });
    expect(a.answer).toBe(NOT_IN_STORY);
    expect(standIn().requests).toHaveLength(0);
  });

  it.each([
    [
      "cites a sentence it was not given",
      { supported: true, answer: "The vote was 7-2.", sentences: [ids.vote] },
    ],
    [
      "states a number the sentences do not",
      { supported: true, answer: "Construction will take about five years.", sentences: [ids.construction] },
    ],
    ["cites nothing", { supported: true, answer: "About three years.", sentences: [] }],
  ])("falls back to the retrieved sentence when the answer %s", async (_name, answer) => {
    standIn().script(reply.json(answer));
    const { engine } = engineFor(standIn());
    const a = await engine.answer({ question: "How long will construction take?", retrieve });
    expect(a.engine).toBe("extractive");
    expect(a.notes).toEqual([notes.answerUnverified]);
    expect(a.sentences.map((s) => s.id)).toEqual([ids.construction]);
  });

  it("answers without the LLM when the server fails", async () => {
    standIn().script(reply.error(500));
    const { engine } = engineFor(standIn());
    const a = await engine.answer({ question: "How long will construction take?", retrieve });
    expect(a).toMatchObject({ engine: "extractive", notes: [notes.answerNoLlm] });
    expect(a.answer).toContain("three years");
  });

  it("never passes a mass ping through", async () => {
    standIn().script(
      reply.json({
        supported: true,
        answer: "@everyone construction takes about three years",
        sentences: [ids.construction],
      }),
    );
    const { engine } = engineFor(standIn());
    const a = await engine.answer({ question: "How long will construction take?", retrieve });
    expect(hasLiveMention(a.answer)).toBe(false);
  });
});

describe("with the deterministic questions engine", () => {
  const story = retrievalFromIndex(indexArticle("council", { text: councilArticle }));

  it("retrieves the sentences the model answers from", async () => {
    expect(story.retrieve("How long will construction take?").map((s) => s.id)).toContain(ids.construction);
    standIn().script(
      reply.json({
        supported: true,
        answer: "About three years, starting in March.",
        sentences: [ids.construction],
      }),
    );
    const { engine } = engineFor(standIn());
    const a = await engine.answer({ question: "How long will construction take?", ...story });
    expect(a).toMatchObject({ engine: "llm", answer: "About three years, starting in March." });
  });

  it("falls back to the deterministic answer when the model fails", async () => {
    standIn().script(reply.error(500));
    const { engine } = engineFor(standIn());
    const a = await engine.answer({ question: "How long will construction take?", ...story });
    const expected = story.extractive("How long will construction take?");
    expect(a.engine).toBe("extractive");
    expect(a.notes).toEqual([notes.answerNoLlm]);
    expect(a.answer).toBe(expected.answer ?? NOT_IN_STORY);
  });
});
