import { describe, expect, it } from "vitest";
import { createSlowPageMemory, tooComplexError } from "../../src/ingest/page-reader.js";

describe("slow page memory", () => {
  it("gives the same error for an hour, then forgets", () => {
    let now = 1_000_000;
    const memory = createSlowPageMemory({ now: () => now });
    const error = tooComplexError("https://a.example/deep", 5000);
    expect(error.message).toBe("this page is too complex to read (gave up after 5 s)");
    memory.remember("https://a.example/deep", error);
    now += 59 * 60 * 1000;
    expect(memory.recall("https://a.example/deep")).toBe(error);
    expect(memory.recall("https://a.example/other")).toBeUndefined();
    now += 2 * 60 * 1000;
    expect(memory.recall("https://a.example/deep")).toBeUndefined();
  });

  it("keeps at most max URLs, forgetting the oldest first", () => {
    const memory = createSlowPageMemory({ max: 2 });
    for (const u of ["https://1.example/", "https://2.example/", "https://3.example/"])
      memory.remember(u, tooComplexError(u, 5000));
    expect(memory.recall("https://1.example/")).toBeUndefined();
    expect(memory.recall("https://3.example/")?.code).toBe("too_complex");
  });

  it("is not transient: a feed marks the item seen instead of retrying it every poll", () => {
    expect(tooComplexError(undefined, 5000).transient).toBe(false);
  });
});
