import { describe, expect, it } from "vitest";
import { cleanParagraphs, isFurniture } from "../../src/ingest/extract/paragraphs.js";

const ctx = { title: "Harbour bridge reopens", byline: "Jane Doe" };

describe("isFurniture", () => {
  it.each([
    "Advertisement",
    "Read more: Storm damage closes bridge",
    "Sign up for our morning newsletter",
    "SEE MORE: Hong Kong protests: students under siege",
    "DON'T MISS",
    "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019",
    "Updated at 1:23 p.m.",
    "March 5, 2024",
    "The bridge at dawn (Image: GETTY )",
    "A long row of unsold cars sits at a dealership in Littleton, Colo. (AP Photo/David Doe)",
    "https://news.test/business/article/123.php",
    "jane.doe@news.test",
    "twitter.com/janedoe",
    "© 2024 The Example Gazette",
    "This website uses cookies to improve your experience.",
    "This slideshow requires JavaScript.",
    "Tags bridges, harbour, city council, traffic",
    "By Jane Doe",
    "Harbour bridge reopens",
  ])("%s", (p) => {
    expect(isFurniture(p, ctx, 1)).toBe(true);
  });

  it.each([
    "Close to 200 people attended the meeting on Tuesday evening.",
    "Comments from the minister were not expected before Friday.",
    "Watch the mayor's full speech, she said, because it explains the plan.",
    "Photographers gathered at the bridge before dawn to record the first cars.",
    "The council published its report on March 5, 2024, after a long delay.",
    "Subscribers to the city's transport pass will travel free for a week.",
    "Related costs, such as new signs, will be paid from the reserve fund.",
    "Harbour bridge reopens, and traffic returns to the old town.",
  ])("keeps prose: %s", (p) => {
    expect(isFurniture(p, ctx, 1)).toBe(false);
  });
});

describe("cleanParagraphs", () => {
  it("drops furniture and keeps paragraph breaks", () => {
    const text =
      "Harbour bridge reopens\n\nBy Jane Doe\n\nFirst paragraph.\n\n  Advertisement \n\nSecond   paragraph.";
    expect(cleanParagraphs(text, ctx)).toBe("First paragraph.\n\nSecond paragraph.");
  });

  it("keeps repeated rows such as a schedule", () => {
    const text = "Pre-workout meal\n\nEat an hour before.\n\nPre-workout meal\n\nEat an hour before.";
    expect(cleanParagraphs(text, {})).toBe(text);
  });
});
