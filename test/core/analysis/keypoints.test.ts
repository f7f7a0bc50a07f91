import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractKeyPoints, keyPointCount } from "../../../src/core/analysis/keypoints.js";
import { compressSentence } from "../../../src/core/analysis/keypoints-compress.js";
import { prepareText } from "../../../src/core/text/prepare.js";
import { anyArticleText } from "./arbitraries.js";

const fixture = readFileSync(new URL("../../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");

/** Words of a text, for "every word of the point is in its sentence" (faithfulness) checks. */
const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** A filler article of `n` sentences of 16 words each that share almost no content words. */
function article(n: number): string {
  const syllables = ["ba", "ko", "mi", "ru", "te", "lo", "sa", "vu", "ne", "di", "po", "ga"];
  let next = 0;
  const word = () => {
    const i = next++;
    return `${syllables[i % 12]}${syllables[Math.floor(i / 12) % 12]}${syllables[Math.floor(i / 144) % 12]}`;
  };
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = `${word()} ${word()} ${word()} said the ${word()} of ${word()} would ${word()} ${word()} and ${word()} near ${word()} on ${word()} morning.`;
    out.push(s[0].toUpperCase() + s.slice(1));
  }
  return out.join(" ");
}

describe("keyPointCount", () => {
  it.each([
    [0, 3],
    [120, 3],
    [300, 4],
    [600, 5],
    [1000, 6],
    [5000, 7],
  ])("%i words → %i points", (n, expected) => {
    expect(keyPointCount(n)).toBe(expected);
  });
});

describe("compressSentence", () => {
  it.each([
    [
      "(CNN)A fire destroyed three warehouses near the docks on Sunday.",
      "A fire destroyed three warehouses near the docks on Sunday.",
    ],
    [
      "LONDON — The bank raised its main interest rate for the third time this year.",
      "The bank raised its main interest rate for the third time this year.",
    ],
    [
      "Oslo (Reuters) - Ferry traffic resumed across the fjord after the storm passed.",
      "Ferry traffic resumed across the fjord after the storm passed.",
    ],
    [
      "The bridge will stay closed for at least two more months, city officials said.",
      "The bridge will stay closed for at least two more months.",
    ],
    [
      "Children who skip breakfast do worse in morning tests, a large study has found.",
      "Children who skip breakfast do worse in morning tests.",
    ],
    [
      "The striker (pictured) signed a new contract with the club on Friday.",
      "The striker signed a new contract with the club on Friday.",
    ],
    [
      "But the council rejected the proposal by a narrow margin on Tuesday night.",
      "The council rejected the proposal by a narrow margin on Tuesday night.",
    ],
    [
      "The coach, who joined the club in 2019, was sacked on Monday morning.",
      "The coach was sacked on Monday morning.",
    ],
    [
      "The city museum reopened its renovated east wing on Saturday, including the gallery of maritime paintings.",
      "The city museum reopened its renovated east wing on Saturday.",
    ],
    [
      "Four airlines — Alpha, Beta, Gamma and Delta — reported lower fares on Monday.",
      "Four airlines reported lower fares on Monday.",
    ],
    [
      "The bridge was closed to traffic on Friday, the city council told reporters on Saturday.",
      "The bridge was closed to traffic on Friday.",
    ],
  ])("%s", (input, expected) => {
    expect(compressSentence(input)).toBe(expected);
  });

  it.each([
    // A direct quote keeps its speaker: dropping it would leave the words unattributed.
    '"We will rebuild the pier before the summer season," the mayor said.',
    // Too short to lose anything.
    "Prices rose, he said.",
    // A tail with figures is content, not attribution.
    "The airline cancelled its flights to the island, affecting 4,000 passengers said to be stranded.",
    // "announced that …" is the news, not an attribution tail.
    "In March, the month after the judge died, the court announced that it had deadlocked in the case.",
    // "Now that" is not the connective "Now,".
    "Now that the strike has ended, the factory is bracing for a busy autumn.",
    // The comma after "Lyon" belongs to the place, not to the end of the relative clause.
    "The minister, who was due to travel to Lyon, France, on Friday, cancelled the trip.",
    // No verb after the aside: removing it would glue two phrases together.
    "Following the lead of its rivals, which have cut prices sharply, the airline lowered its fares.",
    "Thirteen years after the reform began — with great fanfare — lawmakers are poised to end it.",
    // A long sentence is not cut at the opening dash of an aside.
    "A dozen rivals squared off on the stage, but a grumpy front-runner -- angry at how the network has treated him all year -- stood by his plan to hold a separate event for veterans.",
    // Quoted words are never edited, not even a leading "And".
    'And if I went there on vacation, I would love to see him," the lawyer said of the senator.',
    // A relative clause cut at an inner comma ("… to, as …") is left alone.
    "President Petrov, who owed his election to, as one diplomat put it, a makeover, fled the country.",
    // The comma before the attribution closes a quotation: the speaker stays.
    "Mr. Hale planned a dinner that included ''a full exchange of views,'' a spokeswoman said on Tuesday.",
  ])("keeps %s", (input) => {
    expect(compressSentence(input)).toBe(input);
  });
});

describe("extractKeyPoints", () => {
  it.each([
    [6, 3],
    [20, 4],
    [40, 5],
    [60, 6],
    [90, 7],
  ])("an article of %i sentences gets %i points", (sentences, expected) => {
    const prepared = prepareText(article(sentences));
    const points = extractKeyPoints(prepared, { entities: [] });
    expect(points).toHaveLength(expected);
  });

  it("cites valid sentence ids and stays faithful to the cited sentence", () => {
    const prepared = prepareText(fixture);
    const points = extractKeyPoints(prepared, { entities: [], title: prepared.title });
    expect(points.length).toBeGreaterThanOrEqual(3);
    expect(points.length).toBeLessThanOrEqual(7);
    for (const p of points) {
      expect(p.sentences.length).toBeGreaterThan(0);
      const cited = p.sentences.map((id) => prepared.sentences[id]?.text ?? "").join(" ");
      for (const id of p.sentences) expect(prepared.sentences[id]).toBeDefined();
      const source = new Set(words(cited));
      for (const w of words(p.text)) expect(source.has(w), `"${w}" of "${p.text}"`).toBe(true);
    }
  });

  it("puts the lead first and never repeats a sentence", () => {
    const prepared = prepareText(fixture);
    const points = extractKeyPoints(prepared, { entities: [], title: prepared.title });
    expect(points[0].sentences).toEqual([0]);
    const ids = points.flatMap((p) => p.sentences);
    expect(new Set(ids).size).toBe(ids.length);
    expect(points.some((p) => /How a brief exchange/.test(p.text))).toBe(false);
  });

  it("drops a point that repeats an earlier one", () => {
    const text = [
      "The regional airport will close its second runway for repairs starting in March.",
      "Its second runway at the regional airport will close for repairs starting in March, officials said.",
      "Airlines moved twelve daily flights to the neighbouring city while work continues.",
      "Travellers were told to allow an extra hour for the bus transfer between terminals.",
      "The repair bill is estimated at forty million euros, paid by the national government.",
    ].join(" ");
    const prepared = prepareText(text);
    const ids = extractKeyPoints(prepared, { entities: [] }).flatMap((p) => p.sentences);
    expect(ids).toContain(0);
    expect(ids).not.toContain(1);
  });

  it("skips a line that is the title", () => {
    const title = "Harbour board approves new breakwater";
    const text = `${title}.\n\n${article(8)}`;
    const prepared = prepareText(text);
    const points = extractKeyPoints(prepared, { entities: [], title });
    expect(points.some((p) => p.text.startsWith(title))).toBe(false);
  });

  it("keeps the lead when the caller reused it as the title", () => {
    const lead = "A storm closed the mountain pass for two days.";
    const prepared = prepareText(`${lead} ${article(5)}`);
    const points = extractKeyPoints(prepared, { entities: [], title: lead });
    expect(points[0]).toEqual({ text: lead, sentences: [0] });
  });

  it("splits a caption glued to the next sentence without a full stop", () => {
    const text =
      "The ferry ran aground off the north shore on Sunday night The captain said all sixty passengers were " +
      "taken off safely by lifeboats within the hour. Engineers will inspect the hull on Tuesday. " +
      "The operator suspended the route until the inspection is complete.";
    const prepared = prepareText(text);
    const points = extractKeyPoints(prepared, { entities: [] });
    expect(points.map((p) => p.text)).toContain("The ferry ran aground off the north shore on Sunday night.");
    for (const p of points) expect(p.sentences.every((id) => id < prepared.sentences.length)).toBe(true);
  });

  it.each([
    [
      "German",
      "Die Regierung hat am Montag neue Regeln für den Wohnungsbau beschlossen. Die Opposition kritisierte das Gesetz scharf. Eine Abstimmung im Bundesrat ist für März geplant.",
    ],
    [
      "Chinese",
      "市政府周一宣布，将在明年扩建地铁网络。新线路预计将连接机场和市中心。官员表示，工程将于三月开始。",
    ],
  ])("still gives key points for %s text", (_language, text) => {
    const prepared = prepareText(text);
    const points = extractKeyPoints(prepared, { entities: [] });
    expect(points.length).toBeGreaterThan(0);
    expect(points[0].sentences).toEqual([0]);
  });

  it("quotes at most a bounded part of an unpunctuated dump", () => {
    const prepared = prepareText(
      "the storm could hit the coast and the river could flood the town ".repeat(2000),
    );
    const points = extractKeyPoints(prepared, { entities: [] });
    expect(points).toHaveLength(1);
    expect(points[0].text.length).toBeLessThanOrEqual(1001);
    expect(points[0].text.endsWith("…")).toBe(true);
  });

  it("returns nothing for an empty text and stays bounded on a very long one", () => {
    expect(extractKeyPoints(prepareText(""), { entities: [] })).toEqual([]);
    const long = prepareText(Array.from({ length: 100 }, () => fixture).join("\n\n"));
    const points = extractKeyPoints(long, { entities: [] });
    expect(points).toHaveLength(7);
    for (const p of points) expect(p.sentences[0]).toBeLessThan(long.sentences.length);
  });
});

describe("extractKeyPoints: any input", () => {
  const inputs = anyArticleText(fixture);

  it("never throws and only cites sentences that exist", () => {
    fc.assert(
      fc.property(inputs, fc.option(fc.string({ maxLength: 40 }), { nil: undefined }), (text, title) => {
        const prepared = prepareText(text);
        for (const p of extractKeyPoints(prepared, { entities: [], title: title })) {
          expect(p.text.trim().length).toBeGreaterThan(0);
          for (const id of p.sentences) expect(prepared.sentences[id]).toBeDefined();
        }
      }),
      { numRuns: 150 },
    );
  });
});
