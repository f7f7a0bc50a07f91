import { describe, expect, it } from "vitest";
import { clusterStories, compareStories, storyVector } from "../../../src/core/story/cluster.js";
import { mergeStoryBriefs } from "../../../src/core/story/merge.js";
import {
  decodeSignature,
  encodeSignature,
  estimateJaccard,
  isNearDuplicate,
  jaccard,
  lshKeys,
  minhashSignature,
  shingleHashes,
} from "../../../src/core/story/minhash.js";
import type { StoryBrief } from "../../../src/core/types.js";
import { bridgeOutletA, bridgeOutletB, schoolsSamePeople } from "./fixtures.js";

const day = 24 * 3600_000;
const t0 = Date.parse("2024-03-05T10:00:00Z");
const features = (id: string, r: { title: string; text: string; entities: string[] }, time = t0) => ({
  id,
  time,
  ...r,
});

describe("near-duplicates (shingles + MinHash)", () => {
  const syndicated = `${bridgeOutletA.text.replace("Tuesday", "Tuesday morning")}\n\nThis article first appeared in the Example Gazette. Copyright 2024.`;

  it.each([
    ["the same text with a different footer and a small edit", syndicated, true],
    [
      "the same text re-wrapped with typographic quotes",
      bridgeOutletA.text.replace(/"/g, "“").replace(/\n\n/g, "\n"),
      true,
    ],
    ["another outlet's report of the same event", bridgeOutletB.text, false],
    ["a different story", schoolsSamePeople.text, false],
  ])("%s → %s", (_what, other, expected) => {
    expect(isNearDuplicate(bridgeOutletA.text, other)).toBe(expected);
  });

  it("MinHash estimates Jaccard similarity and LSH keys find the near-duplicate", () => {
    const a = shingleHashes(bridgeOutletA.text);
    const b = shingleHashes(syndicated);
    const c = shingleHashes(schoolsSamePeople.text);
    const [sa, sb, sc] = [a, b, c].map(minhashSignature);
    expect(Math.abs(estimateJaccard(sa, sb) - jaccard(a, b))).toBeLessThan(0.12);
    expect(estimateJaccard(sa, sc)).toBeLessThan(0.1);
    const shared = (x: Uint32Array, y: Uint32Array) =>
      lshKeys(x).filter((k) => lshKeys(y).includes(k)).length;
    expect(shared(sa, sb)).toBeGreaterThan(0);
    expect(shared(sa, sc)).toBe(0);
    expect(decodeSignature(encodeSignature(sa))).toEqual(sa);
  });
});

describe("story clustering", () => {
  it("merges the same event reported by two outlets", () => {
    const m = compareStories(
      storyVector(features("a", bridgeOutletA)),
      storyVector(features("b", bridgeOutletB, t0 + 3 * 3600_000)),
    );
    expect(m.same).toBe(true);
    expect(m.shared).toBeGreaterThanOrEqual(2);
  });

  it("keeps apart two events about the same people", () => {
    const m = compareStories(
      storyVector(features("a", bridgeOutletA)),
      storyVector(features("s", schoolsSamePeople, t0 + day)),
    );
    expect(m.shared).toBeGreaterThanOrEqual(2);
    expect(m.same).toBe(false);
    expect(m.reason).toBe("same people, different event");
  });

  it("keeps apart the same wording outside the time window", () => {
    const m = compareStories(
      storyVector(features("a", bridgeOutletA)),
      storyVector(features("b", bridgeOutletB, t0 + 5 * day)),
    );
    expect(m.same).toBe(false);
    expect(m.reason).toBe("outside the time window");
  });

  it("groups a stream of articles into stories", () => {
    const stories = clusterStories([
      features("schools", schoolsSamePeople, t0 + day),
      features("bridge-b", bridgeOutletB, t0 + 3600_000),
      features("bridge-a", bridgeOutletA, t0),
    ]);
    expect(stories).toEqual([["bridge-a", "bridge-b"], ["schools"]]);
  });
});

const brief = (over: Partial<StoryBrief>): StoryBrief => ({
  title: "",
  engine: "extractive",
  engineVersion: "extractive-1",
  language: "en",
  keyPoints: [],
  quotes: [],
  openQuestions: [],
  entities: [],
  notes: [],
  ...over,
});

describe("mergeStoryBriefs", () => {
  const a = brief({
    title: "Harbour bridge reopens",
    keyPoints: [
      { text: "The Harbour Bridge reopened on Tuesday after six months of repairs.", sentences: [0] },
      { text: "Engineers replaced the steel cables.", sentences: [3] },
    ],
    quotes: [{ quote: "We are proud of the crews", speaker: null, sentence: 1, start: 10, end: 35 }],
    openQuestions: [{ question: "Will the repaired cables last longer?", sentences: [5] }],
    entities: [{ name: "Lopes", type: "person", aliases: [], sentences: [1] }],
  });
  const b = brief({
    title: "Bridge open again",
    keyPoints: [
      {
        text: "The Harbour Bridge reopened on Tuesday after six months of repairs to its cables.",
        sentences: [0],
      },
      { text: "Commuters faced long detours during the closure.", sentences: [4] },
    ],
    quotes: [
      {
        quote: "We are proud of the crews who worked through the winter,",
        speaker: "Ana Lopes",
        role: "Mayor",
        sentence: 1,
        start: 40,
        end: 96,
      },
      { quote: "Thank you, engineers", speaker: "Ana Lopes", sentence: 2, start: 100, end: 120 },
    ],
    openQuestions: [{ question: "Will the repaired cables last longer than the old ones?", sentences: [3] }],
    entities: [{ name: "Ana Lopes", type: "person", role: "mayor", aliases: ["Lopes"], sentences: [1] }],
  });
  const merged = mergeStoryBriefs([
    { article: "art-a", brief: a },
    { article: "art-b", brief: b },
  ]);

  it("interleaves key points by rank, drops repeats and cites each article", () => {
    expect(merged.keyPoints.map((k) => [k.article, k.text.slice(0, 20)])).toEqual([
      ["art-a", "The Harbour Bridge r"],
      ["art-a", "Engineers replaced t"],
      ["art-b", "Commuters faced long"],
    ]);
  });

  it("deduplicates quotes, keeping the fuller one with its speaker", () => {
    expect(merged.quotes).toHaveLength(2);
    expect(merged.quotes[0]).toMatchObject({
      speaker: "Ana Lopes",
      article: "art-b",
      quote: expect.stringMatching(/winter/),
    });
    expect(merged.quotes[1].article).toBe("art-b");
  });

  it("deduplicates open questions and unites entities", () => {
    expect(merged.openQuestions).toEqual([
      { question: "Will the repaired cables last longer?", sentences: [5], article: "art-a" },
    ]);
    expect(merged.entities).toEqual([
      { name: "Ana Lopes", type: "person", role: "mayor", aliases: ["Lopes"], sentences: [1] },
    ]);
    expect(merged.title).toBe("Harbour bridge reopens");
  });
});
