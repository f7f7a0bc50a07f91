import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderDiscord } from "../../src/render/discord.js";
import { infoReply, type Reply } from "../../src/render/reply.js";
import { cleanText, oneLine } from "../../src/render/unicode.js";
import { checkDiscordMessages } from "./checkers.js";
import {
  assertNeutralReplies,
  DISCORD_FORMS,
  digestReply,
  EMOJI,
  expectOriginalsVisible,
  type HostileStory,
  hostileText,
  INVISIBLE_FORMS,
  STORY_URL,
} from "./hostile.js";

/** Section headings the renderer shows as `**…**` lines (one with nothing visible is left out). */
function headingCount(reply: Reply): number {
  return reply.sections.filter((s) => s.heading && cleanText(oneLine(s.heading)).trim()).length;
}

function expectNeutral(reply: Reply, originals: string[]) {
  const found = checkDiscordMessages(renderDiscord(reply));
  expect(found.markup).toEqual([]);
  expect(found.headings).toBe(headingCount(reply));
  expectOriginalsVisible(found.visible, originals);
}

describe("renderDiscord: article text never becomes markup (property)", () => {
  it("brief, digest and answer replies with every markup form, bidi controls and emoji", () => {
    assertNeutralReplies(expectNeutral);
  });

  it("stays neutral when long items are split over several embeds and messages", () => {
    const long = fc.array(hostileText(), { minLength: 80, maxLength: 160 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.array(long, { minLength: 1, maxLength: 4 }), (items) => {
        const reply = infoReply("Long", items[0], [{ heading: "Key points", style: "bullets", items }]);
        const found = checkDiscordMessages(renderDiscord(reply));
        expect(found.markup).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

const norm = (s: string) => s.replace(/\s+/g, " ");

describe("renderDiscord: each markup form is shown as written", () => {
  // One row per form of the finding; before the fix each of them reached the chat live.
  it.each(DISCORD_FORMS.map((form) => [form]))("%j", (form) => {
    const reply = infoReply(`Title ${form}`, `Intro ${form}`, [
      { heading: `Heading ${form}`, style: "bullets", items: [`Point ${form} end`, form] },
    ]);
    const messages = renderDiscord(reply);
    const found = checkDiscordMessages(messages);
    expect(found.markup).toEqual([]);
    // The reader sees exactly the article's characters (line breaks aside).
    expect(norm(found.visible)).toContain(norm(`Point ${form} end`));
    expect(norm(found.visible)).toContain(norm(`Title ${form}`));
    expect(messages[0]!.allowed_mentions).toEqual({ parse: [] });
  });

  it.each(INVISIBLE_FORMS.map((c) => [c]))("drops invisible control %j", (c) => {
    const found = checkDiscordMessages(renderDiscord(infoReply(`a${c}b`, `c${c}d`)));
    expect(found.markup).toEqual([]);
    // Dropped, or (a lone surrogate) replaced by U+FFFD, or (an annotation) its controls dropped.
    expect(found.visible).toMatch(/^a\s?(\ufffd|annotatedruby)?b\n[\s\S]*c\s?(\ufffd|annotatedruby)?d/);
  });

  it("keeps emoji sequences that need ZWJ, variation selectors and tag characters", () => {
    const text = EMOJI.join(" ");
    const [m] = renderDiscord(infoReply(text, text));
    expect(m!.embeds[0]!.title).toBe(text);
    expect(m!.embeds[0]!.description).toBe(text);
  });

  it("keeps the links Newsdesk builds working: the title URL and a digest's sources", () => {
    const [m] = renderDiscord({ ...infoReply("T"), url: STORY_URL });
    expect(m!.embeds[0]!.url).toBe(STORY_URL);
    const reply = digestReply([
      { title: "T", keyPoints: ["k"], quotes: [], questions: [], feedTitle: "F" } satisfies HostileStory,
    ]);
    const description = renderDiscord(reply)[0]!.embeds[0]!.description!;
    // Percent-encoded: the same address, no markdown in it, and Discord's link does not stop at `)`.
    expect(description).toContain("• Sources: https://news.example/2024/talks%5Fresume?%28a%29=1&n=0");
  });

  it("percent-encodes markup inside an article's web address instead of breaking it with a backslash", () => {
    const [m] = renderDiscord(infoReply("T", "see https://a.example/x_y*z*?q=~1 (or not)."));
    expect(m!.embeds[0]!.description).toBe("see https://a.example/x%5Fy%2Az%2A?q=%7E1 (or not).");
  });

  it("breaks @everyone and @here in footers too, where markdown is not shown", () => {
    const [m] = renderDiscord({ ...infoReply("T"), footer: "@everyone \u202eevil <@123>" });
    expect(m!.embeds[0]!.footer!.text).toBe("@\u200beveryone evil <\u200b@123>");
  });
});
