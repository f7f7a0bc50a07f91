import { describe, expect, it } from "vitest";
import { storyBriefSchema } from "../../src/core/brief-schema.js";
import type { StoryBrief } from "../../src/core/types.js";
import { notes } from "../../src/llm/notes.js";
import { PROMPT_VERSION } from "../../src/llm/prompts.js";
import { utcDay } from "../../src/llm/usage.js";
import { goodBrief, ids, p } from "./council-brief.js";
import { councilArticle, engineFor, idOf, prepared } from "./helpers.js";
import { reply } from "./stand-in.js";
import { useStandIn } from "./use-stand-in.js";

/** What the user sees: every shown quote is verbatim article text, and the brief is valid. */
function assertShowable(brief: StoryBrief) {
  expect(storyBriefSchema.safeParse(brief).success).toBe(true);
  for (const q of brief.quotes) {
    expect(councilArticle).toContain(q.quote);
    expect(p.text.slice(q.start, q.end).length).toBeGreaterThan(0);
    expect(p.sentences[q.sentence].start).toBeLessThanOrEqual(q.start);
  }
  for (const k of brief.keyPoints) for (const id of k.sentences) expect(id).toBeLessThan(p.sentences.length);
}

const standIn = useStandIn();

describe("LLM brief over the real openai SDK", () => {
  it("shows a good brief as the LLM's, with offsets computed from the text", async () => {
    standIn().script(reply.json(goodBrief));
    const { engine } = engineFor(standIn());
    const brief = await engine.brief({ text: councilArticle, tenant: "guild-1" });
    assertShowable(brief);
    expect(brief.engine).toBe("llm");
    expect(brief.engineVersion).toBe(`llm:stand-in-model:${PROMPT_VERSION}`);
    expect(brief.dropped).toBe(0);
    expect(brief.notes).toEqual([]);
    expect(brief.keyPoints.map((k) => k.text)).toEqual(goodBrief.keyPoints.map((k) => k.text));
    expect(brief.quotes.map((q) => [q.speaker, q.sentence])).toEqual([
      ["Jane Holloway", ids.mayor],
      ["Mark Evans", ids.evans],
      ["Priya Shah", ids.shah],
    ]);
    // The trailing comma the model kept is part of the verbatim slice, quote marks are not.
    expect(brief.quotes[0].quote).toBe("This bridge will finally connect the two halves of our city,");
    expect(p.text.slice(brief.quotes[1].start, brief.quotes[1].end)).toBe(
      "We have seen budgets double on projects like this",
    );
    expect(brief.openQuestions[0].sentences).toEqual([ids.unclear]);
    const request = standIn().requests[0];
    expect(request.response_format?.type).toBe("json_schema");
    expect(request.messages[1].content).toContain(`[${ids.vote}] The city council voted 7-2`);
  });

  it("serves the same article from the cache and shares one call between concurrent requests", async () => {
    standIn().script(reply.json(goodBrief));
    const { engine } = engineFor(standIn());
    const briefs = await Promise.all(Array.from({ length: 5 }, () => engine.brief({ text: councilArticle })));
    expect(standIn().requests).toHaveLength(1);
    const again = await engine.brief({ text: councilArticle, tenant: "other" });
    expect(standIn().requests).toHaveLength(1);
    for (const b of [...briefs, again]) expect(b.engine).toBe("llm");
  });

  it("drops an invented quote and says so", async () => {
    const invented = {
      quote: "The bridge will be free for everyone, forever.",
      speaker: "Jane Holloway",
      role: null,
      sentence: ids.mayor,
    };
    standIn().script(reply.json({ ...goodBrief, quotes: [...goodBrief.quotes, invented] }));
    const { engine } = engineFor(standIn());
    const { brief, trace } = await engine.briefWithTrace({ text: councilArticle });
    assertShowable(brief);
    expect(trace).toMatchObject({ outcome: "llm", proposed: 8, calls: 1 });
    expect(trace.dropped.map((d) => [d.kind, d.reason])).toEqual([["quote", "quote-not-in-text"]]);
    expect(brief.engine).toBe("llm");
    expect(brief.dropped).toBe(1);
    expect(brief.quotes.map((q) => q.quote).join(" ")).not.toContain("free for everyone");
    expect(brief.notes).toEqual([notes.replaced(1)]);
  });

  it("drops a misattributed quote (its sentence credits someone else)", async () => {
    const quotes = goodBrief.quotes.map((q) =>
      q.sentence === ids.evans ? { ...q, speaker: "Jane Holloway" } : q,
    );
    standIn().script(reply.json({ ...goodBrief, quotes }));
    const { engine } = engineFor(standIn());
    const brief = await engine.brief({ text: councilArticle });
    assertShowable(brief);
    expect(brief.dropped).toBe(1);
    const budget = brief.quotes.find((q) => q.quote.includes("budgets double"));
    expect(budget?.speaker ?? null).not.toBe("Jane Holloway");
  });

  it("drops a speaker the article never names, and a quote from narration", async () => {
    const quotes = [
      { ...goodBrief.quotes[0], speaker: "Governor Tom Blake" },
      {
        quote: "Opponents warned that the cost could rise.",
        speaker: "Mark Evans",
        role: null,
        sentence: ids.opponents,
      },
      goodBrief.quotes[1],
      goodBrief.quotes[2],
    ];
    standIn().script(reply.json({ ...goodBrief, quotes }));
    const { engine } = engineFor(standIn());
    const brief = await engine.brief({ text: councilArticle });
    assertShowable(brief);
    expect(brief.dropped).toBe(2);
    expect(brief.quotes.some((q) => q.speaker === "Governor Tom Blake")).toBe(false);
    expect(brief.quotes.some((q) => q.quote.startsWith("Opponents warned"))).toBe(false);
  });

  it("drops items citing sentence ids that do not exist; all wrong means the extractive brief", async () => {
    const wrong = {
      keyPoints: goodBrief.keyPoints.map((k) => ({ ...k, sentences: [p.sentences.length + 5] })),
      quotes: [],
      openQuestions: [{ question: "Who pays?", sentences: [-1] }],
    };
    standIn().script(reply.json(wrong));
    const { engine } = engineFor(standIn());
    const brief = await engine.brief({ text: councilArticle });
    assertShowable(brief);
    expect(brief.engine).toBe("extractive");
    expect(brief.dropped).toBe(4);
    expect(brief.notes).toEqual([notes.tooLittleSurvived(4, 4)]);
  });

  it("drops a key point whose words or numbers are not in the sentences it cites", async () => {
    const keyPoints = [
      ...goodBrief.keyPoints,
      { text: "The bridge will cost $90 million.", sentences: [ids.vote] },
      { text: "Residents celebrated with fireworks downtown.", sentences: [ids.construction] },
    ];
    standIn().script(reply.json({ ...goodBrief, keyPoints }));
    const { engine } = engineFor(standIn());
    const brief = await engine.brief({ text: councilArticle });
    expect(brief.engine).toBe("llm");
    expect(brief.dropped).toBe(2);
    expect(brief.keyPoints.map((k) => k.text).join(" ")).not.toMatch(/\$90|fireworks/);
  });

  it("falls back to the extractive brief on malformed JSON", async () => {
    standIn().script(reply.text('{"keyPoints": [{"text": "The council voted", "sentences": [0]}'));
    const { engine } = engineFor(standIn());
    const brief = await engine.brief({ text: councilArticle });
    expect(brief.engine).toBe("extractive");
    expect(brief.notes).toEqual([notes.unusable]);
  });

  it("accepts JSON wrapped in a Markdown fence", async () => {
    standIn().script(reply.text(`Here is the brief:\n\`\`\`json\n${JSON.stringify(goodBrief)}\n\`\`\``));
    const { engine } = engineFor(standIn());
    const brief = await engine.brief({ text: councilArticle });
    expect(brief.engine).toBe("llm");
    expect(brief.quotes).toHaveLength(3);
  });

  it("falls back with a note when the model refuses", async () => {
    standIn().script(reply.refusal());
    const { engine } = engineFor(standIn());
    const brief = await engine.brief({ text: councilArticle });
    expect(brief.engine).toBe("extractive");
    expect(brief.notes).toEqual([notes.refused]);
  });
});

describe("cost controls", () => {
  it("records tokens per tenant per day", async () => {
    standIn().script(reply.json(goodBrief, { prompt: 800, completion: 200 }));
    const { engine, usage } = engineFor(standIn());
    await engine.brief({ text: councilArticle, tenant: "guild-7" });
    expect(await usage.used("guild-7", utcDay(Date.now()))).toBe(1000);
    expect(await usage.used("guild-8", utcDay(Date.now()))).toBe(0);
  });

  it("answers without the LLM, with a note, when the tenant's budget is used up", async () => {
    standIn().script(reply.json(goodBrief));
    const { engine, usage } = engineFor(standIn(), { LLM_DAILY_TOKEN_BUDGET: "5000" });
    await usage.add("guild-9", utcDay(Date.now()), 4900);
    const brief = await engine.brief({ text: councilArticle, tenant: "guild-9" });
    expect(brief.engine).toBe("extractive");
    expect(brief.notes).toEqual([notes.overBudget(5000)]);
    expect(standIn().requests).toHaveLength(0);
  });

  it("chunks a long article and merges the parts' briefs", async () => {
    standIn().script((body) => {
      // Answer each chunk from its own numbered lines, like a model would.
      const lines = body.messages[1].content.split("\n").filter((l) => /^\[\d+\] /.test(l));
      const first = lines[0].match(/^\[(\d+)\] (.*)$/)!;
      return reply.json({
        keyPoints: [{ text: first[2], sentences: [Number(first[1])] }],
        quotes: [],
        openQuestions: [],
      });
    });
    const { engine } = engineFor(standIn(), {}, 60);
    const brief = await engine.brief({ text: councilArticle });
    expect(standIn().requests.length).toBeGreaterThan(1);
    expect(brief.engine).toBe("llm");
    expect(brief.keyPoints.length).toBe(standIn().requests.length);
    expect(brief.keyPoints[0].sentences).toEqual([0]);
  });
});

describe("multi-article stories", () => {
  it("briefs each article against its own text and merges them, tagged by article", async () => {
    const second = [
      "Bridge vote draws praise and worry",
      "",
      'Residents of the east bank said the new bridge would cut their commute in half. "I have waited twenty years for this," said Tom Reyes, a retired teacher.',
      "",
      "The council has not said how it will pay for maintenance.",
    ].join("\n");
    const p2 = prepared(second);
    standIn().script((body) =>
      body.messages[1].content.includes("east bank")
        ? reply.json({
            keyPoints: [
              {
                text: "Residents said the new bridge would cut their commute in half.",
                sentences: [idOf(p2, "east bank")],
              },
            ],
            quotes: [
              {
                quote: "I have waited twenty years for this,",
                speaker: "Tom Reyes",
                role: null,
                sentence: idOf(p2, "twenty"),
              },
            ],
            openQuestions: [],
          })
        : reply.json(goodBrief),
    );
    const { engine } = engineFor(standIn());
    const brief = await engine.briefStory({
      articles: [
        { id: "a1", text: councilArticle },
        { id: "a2", text: second },
      ],
    });
    expect(storyBriefSchema.safeParse(brief).success).toBe(true);
    expect(brief.engine).toBe("llm");
    expect(brief.keyPoints.map((k) => k.article)).toEqual(["a1", "a2", "a1", "a1"]);
    expect(brief.quotes.find((q) => q.speaker === "Tom Reyes")).toMatchObject({
      article: "a2",
      sentence: idOf(p2, "twenty"),
    });
    expect(brief.quotes.filter((q) => q.article === "a1")).toHaveLength(3);
  });
});
