import { describe, expect, it } from "vitest";
import { notes } from "../../src/llm/notes.js";
import { goodBrief } from "./council-brief.js";
import { councilArticle, engineFor } from "./helpers.js";
import { reply } from "./stand-in.js";
import { useStandIn } from "./use-stand-in.js";

const standIn = useStandIn();

describe("resilience", () => {
  it("waits as Retry-After says after a 429, then shows the LLM brief", async () => {
    standIn().script(reply.error(429, { "retry-after": "1" }), reply.json(goodBrief));
    const { engine, clock } = engineFor(standIn());
    const brief = await engine.brief({ text: councilArticle });
    expect(brief.engine).toBe("llm");
    expect(standIn().requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([1000]);
  });

  it("does not wait for a Retry-After longer than the deadline", async () => {
    standIn().script(reply.error(429, { "retry-after": "3600" }), reply.json(goodBrief));
    const { engine, clock } = engineFor(standIn());
    const brief = await engine.brief({ text: councilArticle });
    expect(brief.engine).toBe("extractive");
    expect(brief.notes).toEqual([notes.noAnswer]);
    expect(clock.sleeps).toEqual([]);
    expect(standIn().requests).toHaveLength(1);
  });

  it("retries a 500 a bounded number of times with backoff, then answers without the LLM", async () => {
    standIn().script(reply.error(500));
    const { engine, clock } = engineFor(standIn());
    const brief = await engine.brief({ text: councilArticle });
    expect(brief.engine).toBe("extractive");
    expect(brief.notes).toEqual([notes.noAnswer]);
    expect(standIn().requests).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
    expect(clock.sleeps[1]).toBeGreaterThan(clock.sleeps[0]);
  });

  it("gives up at the timeout when the server never answers", async () => {
    standIn().script(reply.hang());
    const { engine } = engineFor(standIn(), { LLM_TIMEOUT_MS: "600" });
    const brief = await engine.brief({ text: councilArticle });
    expect(brief.engine).toBe("extractive");
    expect(brief.notes).toEqual([notes.noAnswer]);
    expect(standIn().requests).toHaveLength(1);
  });

  it("opens the circuit after repeated failures: later briefs skip the model at once", async () => {
    standIn().script(reply.error(503));
    const { engine } = engineFor(standIn());
    for (let i = 0; i < 3; i++) await engine.brief({ text: `${councilArticle}\n\nUpdate ${i}.` });
    const before = standIn().requests.length;
    const brief = await engine.brief({ text: `${councilArticle}\n\nUpdate 4.` });
    expect(standIn().requests.length).toBe(before);
    expect(brief.engine).toBe("extractive");
    expect(brief.notes).toEqual([notes.noAnswer]);
  });

  it("steps down to JSON mode on a server without structured outputs, and remembers", async () => {
    standIn().rejectJsonSchema = true;
    standIn().script(reply.json(goodBrief));
    const { engine } = engineFor(standIn());
    const brief = await engine.brief({ text: councilArticle });
    expect(brief.engine).toBe("llm");
    expect(standIn().requests.map((r) => r.response_format?.type)).toEqual(["json_schema", "json_object"]);
    await engine.brief({ text: `${councilArticle}\n\nMore later.` });
    expect(standIn().requests.map((r) => r.response_format?.type)).toEqual([
      "json_schema",
      "json_object",
      "json_object",
    ]);
  });
});

describe("model parameters", () => {
  it("adapts to a reasoning model that takes neither temperature nor max_tokens", async () => {
    standIn().script((body) => {
      if (body.max_tokens !== undefined)
        return {
          kind: "error",
          status: 400,
          message:
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        };
      if (body.temperature !== undefined)
        return {
          kind: "error",
          status: 400,
          message: "Unsupported value: 'temperature' does not support 0 with this model.",
        };
      return reply.json(goodBrief);
    });
    const { engine } = engineFor(standIn());
    const brief = await engine.brief({ text: councilArticle });
    expect(brief.engine).toBe("llm");
    expect(standIn().requests).toHaveLength(3);
    expect(standIn().requests[2]).toMatchObject({
      max_completion_tokens: 1500,
      response_format: { type: "json_schema" },
    });
    expect(standIn().requests[2].temperature).toBeUndefined();
  });
});
