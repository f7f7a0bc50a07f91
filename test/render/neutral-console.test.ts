import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StoryBrief } from "../../src/core/types.js";
import { briefToMarkdown } from "../../src/render/markdown.js";
import { infoReply, type Reply } from "../../src/render/reply.js";
import { renderText } from "../../src/render/text.js";
import { checkConsole } from "./checkers.js";
import {
  assertNeutralReplies,
  digestReply,
  EMOJI,
  expectOriginalsVisible,
  hostileStory,
  INVISIBLE_FORMS,
  STORY_URL,
  TERMINAL_FORMS,
} from "./hostile.js";

function expectNeutral(reply: Reply, originals: string[]) {
  const found = checkConsole(renderText(reply));
  expect(found.markup).toEqual([]);
  expectOriginalsVisible(found.visible, originals);
}

describe("renderText: article text never reaches the terminal as a control (property)", () => {
  it("brief, digest and answer replies with terminal sequences, bidi controls and emoji", () => {
    assertNeutralReplies(expectNeutral);
  });

  it("the command line's Markdown is neutral too", () => {
    fc.assert(
      fc.property(hostileStory, (s) => {
        const brief: StoryBrief = {
          title: s.title,
          engine: "extractive",
          engineVersion: "test",
          language: "en",
          keyPoints: s.keyPoints.map((text) => ({ text, sentences: [0] })),
          quotes: s.quotes.map((q) => ({ ...q, sentence: 0, start: 0, end: 1 })),
          openQuestions: s.questions.map((question) => ({ question, sentences: [0] })),
          entities: s.quotes.map((q) => ({
            name: q.speaker,
            type: "person" as const,
            role: q.role,
            aliases: [],
            sentences: [0],
          })),
          notes: [s.feedTitle],
        };
        expect(checkConsole(briefToMarkdown(brief)).markup).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

/** What each terminal form leaves; before the fix CSI and OSC bodies stayed, and C1 CSI acted. */
const ROWS: [string, string][] = [
  ["\u001b[31m", "ab"],
  ["\u001b[2J\u001b[H", "ab"],
  ["\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007", "alinkb"],
  ["\u001b]0;title\u001b\\", "ab"],
  ["\u009b2J", "ab"],
  ["\u001bc", "acb"],
  ["\u0007", "ab"],
  ["\r", "a\nb"],
  ["\b\b\b", "ab"],
  ["\u0000", "ab"],
  ["\u0085", "ab"],
  ["\u007f", "ab"],
  // An OSC without its terminator is not allowed to swallow the rest of the text.
  ["\u001b]8;;https://evil.example", "a]8;;https://evil.exampleb"],
];

describe("renderText: each terminal form is removed", () => {
  it("has one row for every terminal form the property test inserts", () => {
    for (const form of TERMINAL_FORMS) expect(ROWS.map(([f]) => f)).toContain(form);
  });

  it.each(ROWS)("%j", (form, left) => {
    const out = renderText(infoReply("T", `a${form}b`));
    expect(checkConsole(out).markup).toEqual([]);
    expect(out).toBe(`T\n=\n${left}\n`);
  });

  it.each(INVISIBLE_FORMS.map((c) => [c]))("drops invisible control %j", (c) => {
    const out = renderText(infoReply(`a${c}b`));
    expect(checkConsole(out).markup).toEqual([]);
    expect(out).toMatch(/^a(\n|\ufffd|annotatedruby)?b\n/);
  });

  it("keeps emoji and shows a digest's sources", () => {
    const reply = digestReply([
      { title: EMOJI.join(" "), keyPoints: ["k"], quotes: [], questions: [], feedTitle: "F" },
    ]);
    const out = renderText(reply);
    expect(out).toContain(`${EMOJI.join(" ")}:\n  - k\n  - Sources: ${STORY_URL}&n=0`);
  });
});
