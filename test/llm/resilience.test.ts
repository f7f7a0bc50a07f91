import { describe, expect, it } from "vitest";
import { backoffMs, CircuitBreaker, retryAfterMs } from "../../src/llm/resilience.js";
import { chunkSentences, countTokens, estimateTokens } from "../../src/llm/tokens.js";

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, sleep: async () => {}, advance: (ms: number) => (now += ms) };
}

describe("Retry-After", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    [{ "retry-after": "2" }, 2000],
    [{ "retry-after": "0.5" }, 500],
    [{ "retry-after-ms": "250", "retry-after": "9" }, 250],
    [{ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }, 3000],
    [{ "retry-after": "soon" }, undefined],
    [{}, undefined],
  ])("%j", (headers, expected) => {
    expect(retryAfterMs(new Headers(headers), now)).toBe(expected);
  });

  it("backs off exponentially up to the cap", () => {
    const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 300 };
    expect([0, 1, 2, 3].map((r) => backoffMs(policy, r, () => 0))).toEqual([100, 200, 300, 300]);
  });
});

describe("circuit breaker", () => {
  it("opens after consecutive failures, lets one trial through after the cooldown, closes on success", () => {
    const clock = fakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1000 }, clock);
    breaker.failure();
    expect(breaker.allow()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe("open");
    expect(breaker.allow()).toBe(false);
    clock.advance(1000);
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false); // only one trial at a time
    breaker.failure();
    expect(breaker.state).toBe("open");
    clock.advance(1000);
    expect(breaker.allow()).toBe(true);
    breaker.success();
    expect(breaker.state).toBe("closed");
    expect(breaker.allow()).toBe(true);
  });
});

describe("token counting and chunking", () => {
  it("counts with the bundled o200k encoding", () => {
    expect(countTokens("hello world")).toBe(2);
  });

  it("estimates short texts and counts long ones exactly", () => {
    expect(estimateTokens("word ".repeat(6), 1000)).toBe(10);
    const long = "The council approved the bridge on Tuesday. ".repeat(20);
    expect(estimateTokens(long, 100)).toBe(countTokens(long));
  });

  it("cuts only between sentences and keeps every sentence once, in order", () => {
    const sentences = Array.from({ length: 40 }, (_, id) => ({
      id,
      text: `Sentence number ${id} says something.`,
    }));
    const chunks = chunkSentences(sentences, 50);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat().map((s) => s.id)).toEqual(sentences.map((s) => s.id));
    for (const chunk of chunks) {
      const tokens = chunk.reduce((n, s) => n + countTokens(s.text) + 4, 0);
      expect(chunk.length === 1 || tokens <= 50).toBe(true);
    }
    expect(chunkSentences(sentences, 100_000)).toHaveLength(1);
  });
});
