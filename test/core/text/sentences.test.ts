import { describe, expect, it } from "vitest";
import { prepareText } from "../../../src/core/text/prepare.js";

const split = (text: string) => prepareText(text, { detectTitle: false }).sentences.map((s) => s.text);

describe("sentence splitting", () => {
  it.each([
    [
      "abbreviations before names",
      "Sen. Jane Roe met Mr. Poe on Sept. 4. They talked.",
      ["Sen. Jane Roe met Mr. Poe on Sept. 4.", "They talked."],
    ],
    [
      "U.S. mid-sentence",
      "The U.S. Navy sent two ships. Nobody expected it.",
      ["The U.S. Navy sent two ships.", "Nobody expected it."],
    ],
    [
      "U.S. ending a sentence",
      "The money went to the U.S. The rest stayed home.",
      ["The money went to the U.S.", "The rest stayed home."],
    ],
    [
      "a.m. and p.m.",
      "The vote starts at 9 a.m. on Monday and ends at 5 p.m. Results follow.",
      ["The vote starts at 9 a.m. on Monday and ends at 5 p.m.", "Results follow."],
    ],
    [
      "initials",
      "John F. Kennedy spoke. J. K. Rowling wrote.",
      ["John F. Kennedy spoke.", "J. K. Rowling wrote."],
    ],
    [
      "decimals",
      "Growth was 2.5 percent. Prices rose 3.1%.",
      ["Growth was 2.5 percent.", "Prices rose 3.1%."],
    ],
    ["ellipsis before a capital", "He paused... Then he left.", ["He paused...", "Then he left."]],
    ["ellipsis mid-sentence", "It was... fine, she said.", ["It was... fine, she said."]],
    [
      "quote ending a sentence inside the marks",
      'He said, "It is over." Then he left.',
      ['He said, "It is over."', "Then he left."],
    ],
    [
      "question in a quote followed by attribution",
      '"Why now?" she asked. Nobody knew.',
      ['"Why now?" she asked.', "Nobody knew."],
    ],
    ["Chinese full stops", "今天下雨。明天晴天！你来吗？", ["今天下雨。", "明天晴天！", "你来吗？"]],
    [
      "quote spanning two sentences",
      '"We tried. It failed," he said.',
      ['"We tried.', 'It failed," he said.'],
    ],
  ])("%s", (_name, text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  it("numbers sentences from 0 across paragraphs and keeps paragraph indexes", () => {
    const p = prepareText("First one. Second one.\n\nThird one.", { detectTitle: false });
    expect(p.sentences.map((s) => [s.id, s.paragraph])).toEqual([
      [0, 0],
      [1, 0],
      [2, 1],
    ]);
  });
});

describe("normalisation and boilerplate", () => {
  it("normalises curly quotes, dashes and odd spaces but keeps offsets into the input", () => {
    const input = "He said \u201Cyes\u201D \u2013 then\u00A0left.";
    const p = prepareText(input, { detectTitle: false });
    expect(p.text).toBe('He said "yes" - then left.');
    const i = p.text.indexOf("yes");
    expect(input.slice(p.toOriginal[i], p.toOriginal[i + 3 - 1] + 1)).toBe("yes");
  });

  it.each([
    "For more CNN news and newsletters create an account at",
    "Sign up for our daily newsletter",
    "Read more: The markets this week",
    "Share this article",
    "(Photo by Jane Doe/Getty Images)",
    "This story has been updated with additional information.",
    "Advertisement",
  ])("removes the boilerplate line %j", (line) => {
    const p = prepareText(`The council voted on Monday.\n\n${line}\n\nThe mayor spoke after the vote.`, {
      detectTitle: false,
    });
    expect(p.removed).toEqual([line]);
    expect(p.sentences).toHaveLength(2);
  });

  it("keeps story sentences that mention newsletters or agencies", () => {
    const text = "The company said its newsletter business grew 20 percent last year.\n\nHe told Reuters.";
    expect(prepareText(text, { detectTitle: false }).removed).toEqual([]);
  });

  it("takes a headline-like first line as the title", () => {
    const p = prepareText("Storm hits the coast\n\nA storm hit the coast on Monday. Power was cut.");
    expect(p.title).toBe("Storm hits the coast");
    expect(p.sentences[0].text).toBe("A storm hit the coast on Monday.");
  });

  it("detects the language", () => {
    expect(
      prepareText("The mayor said that the vote was a success for the city and its people.").language,
    ).toBe("en");
    expect(
      prepareText(
        "Der Bürgermeister sagte, dass die Abstimmung ein Erfolg für die Stadt und ihre Bürger sei.",
      ).language,
    ).toBe("de");
  });
});
