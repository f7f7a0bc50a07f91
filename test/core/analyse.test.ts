import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseArticle, buildExtractiveBrief } from "../../src/core/analyse.js";
import { storyBriefSchema } from "../../src/core/brief-schema.js";

// test/fixtures/biden-netanyahu-cnn.txt: see test/fixtures/SOURCES.md
const fixture = readFileSync(new URL("../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");

describe("the extractive brief", () => {
  const { brief, prepared } = analyseArticle({ text: fixture });

  it("is a valid StoryBrief from the extractive engine", () => {
    expect(() => storyBriefSchema.parse(brief)).not.toThrow();
    expect(brief.engine).toBe("extractive");
    expect(brief.language).toBe("en");
    expect(brief.title).toMatch(/Biden-Netanyahu relationship/);
  });

  it("cites only sentence ids that exist", () => {
    const n = prepared.sentences.length;
    const ids = [
      ...brief.keyPoints.flatMap((k) => k.sentences),
      ...brief.openQuestions.flatMap((o) => o.sentences),
      ...brief.quotes.map((q) => q.sentence),
    ];
    for (const id of ids) expect(id).toBeLessThan(n);
  });

  it("has 3 to 7 key points, people with roles, and the nickname linked", () => {
    expect(brief.keyPoints.length).toBeGreaterThanOrEqual(3);
    expect(brief.keyPoints.length).toBeLessThanOrEqual(7);
    const netanyahu = brief.entities.find((e) => e.name === "Benjamin Netanyahu");
    expect(netanyahu?.aliases).toContain("Bibi");
    expect(brief.entities.find((e) => e.name === "Jake Sullivan")?.role).toBe("national security adviser");
    expect(brief.entities.find((e) => e.name === "Kamala Harris")?.type).toBe("person");
  });

  it("drops the newsletter promo at the end", () => {
    expect(prepared.text).not.toMatch(/create an account/);
    expect(prepared.removed.join(" ")).toMatch(/newsletters/);
  });

  it("is deterministic", () => {
    expect(buildExtractiveBrief({ text: fixture })).toEqual(brief);
  });

  it("notes the language of a non-English article and still produces a brief", () => {
    const de =
      "Die Regierung hat am Montag einen neuen Haushalt vorgestellt. Der Finanzminister sagte, die Ausgaben würden steigen. Die Opposition kritisierte den Plan scharf und forderte Nachbesserungen.";
    const b = buildExtractiveBrief({ text: de });
    expect(b.language).toBe("de");
    expect(b.notes.join(" ")).toMatch(/German \(de\)/);
    expect(b.keyPoints.length).toBeGreaterThan(0);
  });
});

describe("robustness (property-based)", () => {
  it("never throws on random Unicode and every quote is a verbatim substring of the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const brief = buildExtractiveBrief({ text });
        for (const q of brief.quotes) expect(text).toContain(q.quote);
      }),
      { numRuns: 150 },
    );
  });

  it("survives mangled articles: cut, shuffled paragraphs, stray quote marks", () => {
    const paragraphs = fixture.split("\n\n");
    fc.assert(
      fc.property(
        fc.shuffledSubarray(paragraphs, { minLength: 1 }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom('"', "\u201C", "\u201D", "'", "\u00AB"),
        (parts, cut, mark) => {
          const text = parts.join("\n\n").slice(cut).replace(/ the /, ` the ${mark}`);
          const { brief, prepared } = analyseArticle({ text });
          for (const q of brief.quotes) {
            expect(text).toContain(q.quote);
            // An unbalanced mark never swallows more than its paragraph.
            expect(q.quote.includes("\n\n")).toBe(false);
          }
          for (const k of brief.keyPoints)
            for (const id of k.sentences) expect(id).toBeLessThan(prepared.sentences.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});
