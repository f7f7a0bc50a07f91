import { describe, expect, it } from "vitest";
import { composeDigest } from "../../src/digest/compose.js";
import { digestToReply } from "../../src/digest/reply.js";
import { whatChanged } from "../../src/digest/what-changed.js";
import { renderText } from "../../src/render/text.js";
import { sampleBrief } from "../store/samples.js";

const q = (quote: string, speaker: string | null = "Ana Ruiz") => ({
  quote,
  speaker,
  speakerConfidence: "high" as const,
});

describe("what an updated story says is new (the wording alerts and digests use)", () => {
  it.each([
    {
      case: "a new key point",
      before: { keyPoints: ["The bridge reopened."], quotes: [] },
      now: { keyPoints: ["The bridge reopened.", "Tolls are waived."], quotes: [] },
      says: ["New: Tolls are waived."],
    },
    {
      case: "a changed number",
      before: { keyPoints: ["12 people were hurt in the crash."], quotes: [] },
      now: { keyPoints: ["15 people were hurt in the crash."], quotes: [] },
      says: ["Changed: 12 → 15: 15 people were hurt in the crash."],
    },
    {
      case: "two numbers of which one changed",
      before: { keyPoints: ["Of 200 flights, 40 were cancelled."], quotes: [] },
      now: { keyPoints: ["Of 200 flights, 65 were cancelled."], quotes: [] },
      says: ["Changed: 40 → 65: Of 200 flights, 65 were cancelled."],
    },
    {
      case: "a new quote",
      before: { keyPoints: ["The bridge reopened."], quotes: ["A great day"] },
      now: {
        keyPoints: ["The bridge reopened."],
        quotes: [q("A great day"), q("Expect queues", "Tom Berg")],
      },
      says: ["New quote: “Expect queues” — Tom Berg"],
    },
    {
      case: "nothing a reader cares about (same points, same quotes, reordered)",
      before: { keyPoints: ["A.", "B."], quotes: ["x"] },
      now: { keyPoints: ["B.", "A."], quotes: [q("x")] },
      says: [],
    },
    {
      case: "a reworded point without numbers is new, not changed",
      before: { keyPoints: ["The mayor spoke."], quotes: [] },
      now: { keyPoints: ["The mayor spoke again."], quotes: [] },
      says: ["New: The mayor spoke again."],
    },
    {
      case: "at most three lines",
      before: { keyPoints: [], quotes: [] },
      now: { keyPoints: ["A.", "B.", "C.", "D."], quotes: [] },
      says: ["New: A.", "New: B.", "New: C."],
    },
  ])("$case", ({ before, now, says }) => {
    expect(whatChanged(before, now)).toEqual(says);
  });

  it("marks a digest item updated with the same wording, one line per change", () => {
    const brief = sampleBrief("Crash on the A1", [
      "15 people were hurt.",
      "The road is closed.",
      "Police are investigating.",
    ]);
    const digest = composeDigest({
      tenantId: "t",
      channelId: "c",
      channelExternalId: "C1",
      slot: new Date("2026-03-02T08:00:00Z"),
      timezone: "UTC",
      postEmpty: false,
      picked: [
        {
          story: {
            id: "s1",
            tenantId: "t",
            storyKey: "k",
            title: brief.title,
            version: 2,
            brief,
            articleCount: 2,
            createdAt: "2026-03-01T08:00:00Z",
            updatedAt: "2026-03-02T07:00:00Z",
          },
          links: [],
          shown: { version: 1, keyPoints: ["12 people were hurt.", "The road is closed."] },
        },
      ],
    })!;
    expect(digest.items[0]!.updated?.whatIsNew).toEqual([
      "Changed: 12 → 15: 15 people were hurt.",
      "New: Police are investigating.",
    ]);
    const text = renderText(digestToReply(digest));
    expect(text).toContain("Crash on the A1 (updated)");
    expect(text).toContain("Updated — Changed: 12 → 15: 15 people were hurt.");
    expect(text).toContain("Updated — New: Police are investigating.");
  });
});
