import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildExtractiveBrief } from "../../../src/core/analyse.js";
import { prepareText } from "../../../src/core/text/prepare.js";
import { repeatKey } from "../../../src/core/text/repeats.js";

const article = readFileSync(new URL("../../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");

const essentials = (text: string) => {
  const brief = buildExtractiveBrief({ text });
  return {
    keyPoints: brief.keyPoints.map((k) => k.text),
    quotes: brief.quotes.map((q) => [q.quote, q.speaker]),
    size: JSON.stringify(brief).length,
  };
};

describe("repeated text", () => {
  const once = essentials(article);

  it.each([
    ["pasted 200 times, one per line", `${article}\n`.repeat(200)],
    ["pasted 200 times back to back", article.repeat(200)],
    [
      "pasted twice with changed spacing and quote marks",
      `${article}\n\n${article.replace(/"/g, "\u201C").replace(/ /g, "  ")}`,
    ],
  ])("%s gives the brief of one copy", (_name, text) => {
    const repeated = essentials(text);
    expect(once.keyPoints.length).toBeGreaterThan(2);
    expect(once.quotes.length).toBeGreaterThan(2);
    expect(repeated.keyPoints).toEqual(once.keyPoints);
    expect(repeated.quotes).toEqual(once.quotes);
    expect(repeated.size).toBeLessThanOrEqual(once.size * 1.2);
  });

  it("reads a sentence pasted over and over inside one paragraph once", () => {
    const line = "The committee will vote on the budget next week. ";
    const prepared = prepareText(`${line.repeat(300)}Members of both parties expect it to pass.`, {
      detectTitle: false,
    });
    expect(prepared.sentences.map((s) => s.text)).toEqual([
      "The committee will vote on the budget next week.",
      "Members of both parties expect it to pass.",
    ]);
    // Offsets still lead back to the input: the kept sentences are verbatim slices of it.
    const last = prepared.sentences[1]!;
    expect(
      prepared.original.slice(prepared.toOriginal[last.start], prepared.toOriginal[last.end - 1]! + 1),
    ).toBe(last.text);
  });

  it("keeps a pull quote an article prints twice (a small share of the text)", () => {
    const body = article.split("\n").filter((l) => l.split(" ").length > 12);
    const pull = body[4]!;
    const text = [...body.slice(0, 8), pull, ...body.slice(8)].join("\n\n");
    const needle = prepareText(pull, { detectTitle: false }).text.slice(0, 60);
    expect(prepareText(text).text.split(needle).length - 1).toBe(2);
  });

  it("folds case, spacing and punctuation but not the words", () => {
    expect(repeatKey("“We will win,” she said  today.")).toBe(repeatKey('"we will WIN" she said today'));
    expect(repeatKey("We will win, she said today.")).not.toBe(repeatKey("We will lose, she said today."));
    expect(repeatKey("Too short to count.")).toBeUndefined();
  });

  it("prepares a 2 MB paste (the input limit) and reads each paragraph once", () => {
    const copies = Math.ceil((2 * 1024 * 1024) / article.length);
    const prepared = prepareText(`${article}\n`.repeat(copies));
    const single = prepareText(article);
    expect(prepared.sentences.map((s) => s.text)).toEqual(single.sentences.map((s) => s.text));
  });
});
