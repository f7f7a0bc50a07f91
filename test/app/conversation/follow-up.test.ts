import { describe, expect, it } from "vitest";
import { type FollowUp, readFollowUp } from "../../../src/app/conversation/follow-up.js";
import { linksIn, mentions, wordsOf } from "../../../src/app/conversation/message-text.js";

describe("readFollowUp", () => {
  const table: [string, FollowUp][] = [
    ["", { kind: "help" }],
    ["more", { kind: "more" }],
    ["Tell me more!", { kind: "more" }],
    ["full brief please", { kind: "more" }],
    ["2 more", { kind: "more", item: 2 }],
    ["more 3", { kind: "more", item: 3 }],
    ["#2 summary", { kind: "more", item: 2 }],
    ["what changed?", { kind: "changed" }],
    ["What's new", { kind: "changed" }],
    ["any updates?", { kind: "changed" }],
    ['who said "we are close"?', { kind: "who", quote: "we are close" }],
    ["who said it's looking tough?", { kind: "who", quote: "it's looking tough" }],
    ["Who said: “a hot mic”", { kind: "who", quote: "a hot mic" }],
    ["3. who said we are close", { kind: "who", quote: "we are close", item: 3 }],
    ["who said", { kind: "ask", question: "who said" }],
    ["how long will the pause last?", { kind: "ask", question: "how long will the pause last?" }],
    ["2 how long will the pause last?", { kind: "ask", question: "how long will the pause last?", item: 2 }],
    ["1000 people died?", { kind: "ask", question: "1000 people died?" }],
  ];
  it.each(table)("%j", (words, expected) => {
    expect(readFollowUp(words)).toEqual(expected);
  });
});

describe("message text", () => {
  const links: [string, string[]][] = [
    ["<@UBOT> <https://example.com/a?x=1&amp;y=2|the story>", ["https://example.com/a?x=1&y=2"]],
    [
      "see https://example.com/a. and (https://example.org/b)",
      ["https://example.com/a", "https://example.org/b"],
    ],
    ["<@123> <https://example.com/a> https://example.com/a", ["https://example.com/a"]],
    [
      "https://en.wikipedia.org/wiki/Gaza_(disambiguation)",
      ["https://en.wikipedia.org/wiki/Gaza_(disambiguation)"],
    ],
    ["<mailto:a@example.com|a@example.com> ftp://example.com/x", []],
  ];
  it.each(links)("links in %j", (text, expected) => {
    expect(linksIn(text)).toEqual(expected);
  });

  it("takes mentions and links out of the words, keeping a link's label", () => {
    expect(wordsOf("<@UBOT>  who said <https://x.example/a|“we are close”>?")).toBe(
      "who said “we are close”?",
    );
    expect(wordsOf("<@!123> more &lt;3 https://x.example/a")).toBe("more <3");
  });

  it("knows a mention of the bot on both platforms", () => {
    expect(mentions("hi <@UBOT> there", "UBOT")).toBe(true);
    expect(mentions("hi <@!100>", "100")).toBe(true);
    expect(mentions("hi <@U2>", "UBOT")).toBe(false);
    expect(mentions("hi <@UBOT>", undefined)).toBe(false);
  });
});
