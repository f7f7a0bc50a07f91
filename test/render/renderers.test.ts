import { describe, expect, it } from "vitest";
import { briefToReply } from "../../src/render/brief.js";
import { DISCORD_LIMITS, embedLength, renderDiscord } from "../../src/render/discord.js";
import {
  containsDiscordMention,
  containsSlackMention,
  escapeConsole,
  escapeDiscord,
  escapeSlack,
} from "../../src/render/escape.js";
import { errorReply, infoReply, type Reply } from "../../src/render/reply.js";
import { renderSlack, SLACK_LIMITS } from "../../src/render/slack.js";
import { renderText } from "../../src/render/text.js";

const hostile = [
  "@everyone",
  "@here",
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<@U12345>",
  "<@123456789012345678>",
  "<@&987654321>",
  "<!subteam^S123|@team>",
];

describe("mention neutralising", () => {
  for (const text of hostile) {
    it(`Slack cannot ping with ${JSON.stringify(text)}`, () => {
      const out = escapeSlack(`Breaking ${text} now`);
      expect(out).not.toContain("<");
      expect(containsSlackMention(out)).toBe(false);
    });
    it(`Discord cannot ping with ${JSON.stringify(text)}`, () => {
      const out = escapeDiscord(`Breaking ${text} now`);
      expect(containsDiscordMention(out)).toBe(false);
    });
  }

  it("escapes Slack's three special characters", () => {
    // A soft hyphen before `&gt;` keeps a line starting with it from being a blockquote.
    expect(escapeSlack("a & b < c > d")).toBe("a &amp; b &lt; c \u00ad&gt; d");
  });

  it("escapes Discord markdown so text shows as written", () => {
    expect(escapeDiscord("*bold* _it_ `code` [x](http://e.vil)")).toBe(
      "\\*bold\\* \\_it\\_ \\`code\\` \\[x\\](http://e.vil)",
    );
  });

  it("strips terminal escape sequences from console text", () => {
    // The whole CSI sequence goes now, not only its ESC (it left "[31m" in the text).
    expect(escapeConsole("red\u001b[31m text\u0007")).toBe("red text");
  });
});

function bigReply(items: number, itemLength: number): Reply {
  const item = (i: number) => `${i} ${"word ".repeat(itemLength / 5)}`.trim();
  return infoReply("A very long story @everyone", "Intro <!channel>", [
    { heading: "Key points", style: "bullets", items: Array.from({ length: items }, (_, i) => item(i)) },
    { heading: "Quotes", style: "bullets", items: Array.from({ length: items }, (_, i) => item(i)) },
  ]);
}

describe("renderDiscord", () => {
  it("keeps every message within Discord's embed limits", () => {
    for (const [n, len] of [
      [3, 50],
      [200, 300],
      [20, 9000],
    ] as const) {
      const messages = renderDiscord(bigReply(n, len));
      for (const m of messages) {
        expect(m.allowed_mentions).toEqual({ parse: [] });
        expect(m.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
        expect(m.embeds.reduce((t, e) => t + embedLength(e), 0)).toBeLessThanOrEqual(
          DISCORD_LIMITS.embedTotal,
        );
        for (const e of m.embeds) {
          expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
          expect(e.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
          expect(containsDiscordMention(JSON.stringify(e))).toBe(false);
        }
      }
      const text = messages.flatMap((m) => m.embeds.map((e) => e.description ?? "")).join("\n");
      expect(text).toContain(`${n - 1} word`);
    }
  });

  it("marks errors ephemeral and links only web URLs", () => {
    const [err] = renderDiscord(errorReply("Unknown story", "Run /stories"));
    expect(err!.flags).toBe(64);
    const [withJs] = renderDiscord({ ...infoReply("t"), url: "javascript:alert(1)" });
    expect(withJs!.embeds[0]!.url).toBeUndefined();
    const [withHttp] = renderDiscord({ ...infoReply("t"), url: "https://example.com/a" });
    expect(withHttp!.embeds[0]!.url).toBe("https://example.com/a");
  });
});

describe("renderSlack", () => {
  it("keeps every message within Block Kit limits and escapes everything", () => {
    for (const [n, len] of [
      [3, 50],
      [300, 300],
      [10, 12000],
    ] as const) {
      const messages = renderSlack(bigReply(n, len));
      for (const m of messages) {
        expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
        expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
        expect(containsSlackMention(JSON.stringify(m))).toBe(false);
        for (const b of m.blocks) {
          if (b.type === "section") expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        }
      }
    }
  });

  it("links a safe title URL and makes errors ephemeral", () => {
    const [m] = renderSlack({ ...errorReply("Nope"), title: "T", url: "https://e.com/a|b>" });
    expect(m!.response_type).toBe("ephemeral");
    const first = m!.blocks[0]!;
    expect(first.type === "section" && first.text.text).toContain("<https://e.com/a%7Cb%3E|T>");
  });
});

describe("renderText and briefToReply", () => {
  it("renders a brief as plain text with sections", () => {
    const reply = briefToReply(
      {
        title: "Talks resume",
        engine: "extractive",
        engineVersion: "x",
        language: "en",
        keyPoints: [{ text: "Talks resumed on Monday.", sentences: [0] }],
        quotes: [
          {
            quote: "We are close",
            speaker: "John Kirby",
            speakerConfidence: "high",
            sentence: 1,
            start: 0,
            end: 1,
          },
          {
            quote: "It may slip",
            speaker: "Ann Roe",
            speakerConfidence: "low",
            sentence: 2,
            start: 0,
            end: 1,
          },
          // Stored before confidence existed: not shown as a fact either.
          { quote: "We will see", speaker: "Tom Ash", sentence: 3, start: 0, end: 1 },
        ],
        openQuestions: [],
        entities: [],
        notes: [],
      },
      { storyId: "s1" },
    );
    const text = renderText(reply);
    expect(text).toContain("Talks resume\n");
    expect(text).toContain("  - Talks resumed on Monday.");
    expect(text).toContain("“We are close” — John Kirby");
    expect(text).toContain("“It may slip” — probably Ann Roe");
    expect(text).toContain("“We will see” — probably Tom Ash");
    expect(text).toContain("story s1");
  });
});
