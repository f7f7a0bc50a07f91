/**
 * Hostile article text for the renderer tests: every markup form of Discord, Slack and terminals,
 * bidi and invisible controls, emoji sequences that must survive, and fast-check arbitraries that
 * interleave them with random strings. Replies are built with the real builders (briefToReply,
 * formatQuote, digestToReply), so the tests see what the commands and digests send.
 */
import fc from "fast-check";
import { expect } from "vitest";
import type { StoryBrief } from "../../src/core/types.js";
import { digestToReply } from "../../src/digest/reply.js";
import type { Digest } from "../../src/digest/types.js";
import { briefToReply } from "../../src/render/brief.js";
import { bullets, infoReply, type Reply } from "../../src/render/reply.js";

export const DISCORD_FORMS = [
  "<#123456789012345678>",
  "</deploy:123456789012345678>",
  "<t:1700000000:R>",
  "<@123456789012345678>",
  "<@!123456789012345678>",
  "<@&987654321098765432>",
  "<:party:123456789012345678>",
  "<a:party:123456789012345678>",
  "<https://evil.example/x>",
  "**bold**",
  "*italic*",
  "_italic_",
  "__underline__",
  "~~strike~~",
  "`code`",
  "```js\ncode()\n```",
  "````",
  "||spoiler||",
  "> quote",
  ">>> quote",
  "\n# Heading",
  "\n## Heading",
  "\n### Heading",
  "\n-# subtext",
  "\n- item",
  "\n* item",
  "\n+ item",
  "\n1. item",
  "[masked](https://evil.example/y)",
  "@everyone",
  "@here",
  "\\*not escaped\\*",
];

export const SLACK_FORMS = [
  "*bold*",
  "_italic_",
  "~strike~",
  "`code`",
  "```fence```",
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<@U123ABC>",
  "<#C123ABC>",
  "<#C123ABC|general>",
  "<https://evil.example|click here>",
  "<mailto:a@evil.example|mail>",
  "<!date^1700000000^{date_short}|fallback>",
  "<!subteam^S123|@team>",
  "&amp;",
  "&lt;!channel&gt;",
  "@channel",
  "#general",
  "https://bare.example/path_with_under*scores*~x~",
  "\n> quote",
];

export const TERMINAL_FORMS = [
  "\u001b[31m",
  "\u001b[2J\u001b[H",
  "\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007",
  "\u001b]0;title\u001b\\",
  "\u009b2J",
  "\u001bc",
  "\u0007",
  "\r",
  "\b\b\b",
  "\u0000",
  "\u0085",
  "\u007f",
];

/** Bidi controls and other invisible formatting that must not reach a reader. */
export const INVISIBLE_FORMS = [
  ..."\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
  "\u2028",
  "\u2029",
  "\u{E0041}\u{E0042}",
  "\ufff9annotated\ufffaruby\ufffb",
  "\ufeff",
  "\u2060",
  "\ud800",
];

/** Emoji that need ZWJ, variation selectors or tag characters: each must come out intact. */
export const EMOJI = ["🤷‍♀️", "👨‍👩‍👧", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🇺🇦", "👍🏽", "❤️"];

export const ALL_FORMS = [...DISCORD_FORMS, ...SLACK_FORMS, ...TERMINAL_FORMS, ...INVISIBLE_FORMS];

/** Random text interleaved with every kind of markup, separated the ways prose separates them. */
export function hostileText(maxParts = 8): fc.Arbitrary<string> {
  const part = fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z]{2,10}$/) },
    { weight: 4, arbitrary: fc.constantFrom(...ALL_FORMS) },
    { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
  );
  const sep = fc.constantFrom("", " ", "  ", "\n", " - ");
  return fc
    .array(fc.tuple(part, sep), { minLength: 1, maxLength: maxParts })
    .map((parts) => parts.map(([p, s]) => p + s).join(""));
}

export interface HostileStory {
  title: string;
  keyPoints: string[];
  quotes: { quote: string; speaker: string; role: string }[];
  questions: string[];
  feedTitle: string;
}

const named = fc
  .tuple(fc.stringMatching(/^[A-Z][a-z]{1,8}$/), hostileText(2))
  .map(([name, rest]) => `${name} ${rest}`);

export const hostileStory: fc.Arbitrary<HostileStory> = fc.record({
  title: hostileText(4),
  keyPoints: fc.array(hostileText(), { minLength: 1, maxLength: 3 }),
  // A speaker always has a name (an empty one reads "unattributed" and hides the role).
  quotes: fc.array(fc.record({ quote: hostileText(), speaker: named, role: hostileText(2) }), {
    maxLength: 3,
  }),
  questions: fc.array(hostileText(), { maxLength: 3 }),
  feedTitle: hostileText(3),
});

/**
 * The strings of the story a reply shows, for the "the words are still there" check: a brief
 * shows all of them, a digest the title, key points, top quote and first open question. A title
 * over 60 characters is left out (Discord cuts titles at 256 escaped characters).
 */
export function storyStrings(s: HostileStory, kind: "brief" | "digest"): string[] {
  const title = s.title.length > 60 ? [] : [s.title];
  if (kind === "digest") {
    const q = s.quotes[0];
    return [...title, ...s.keyPoints, ...(q ? [q.quote, q.speaker] : []), ...s.questions.slice(0, 1)];
  }
  return [...title, ...s.keyPoints, ...s.quotes.flatMap((q) => [q.quote, q.speaker, q.role]), ...s.questions];
}

export const STORY_URL = "https://news.example/2024/talks_resume?(a)=1";

export function briefReply(s: HostileStory): Reply {
  const brief: StoryBrief = {
    title: s.title,
    engine: "extractive",
    engineVersion: "test",
    language: "en",
    keyPoints: s.keyPoints.map((text, i) => ({ text, sentences: [i] })),
    quotes: s.quotes.map((q, i) => ({ ...q, sentence: i, start: 0, end: q.quote.length })),
    openQuestions: s.questions.map((question, i) => ({ question, sentences: [i] })),
    entities: [],
    notes: [s.feedTitle],
  };
  return briefToReply(brief, { storyId: "s1", url: STORY_URL });
}

export function digestReply(stories: HostileStory[]): Reply {
  const digest: Digest = {
    tenantId: "t",
    channelId: "c",
    channelExternalId: "C1",
    slot: "2024-12-02T08:00:00.000Z",
    timezone: "Europe/Berlin",
    title: "News digest",
    nothingNew: false,
    items: stories.map((s, i) => ({
      storyId: `s${i}`,
      version: 1,
      title: s.title,
      links: [{ title: s.title, url: `${STORY_URL}&n=${i}`, siteName: s.feedTitle }],
      keyPoints: s.keyPoints,
      ...(s.quotes[0] ? { topQuote: { quote: s.quotes[0].quote, speaker: s.quotes[0].speaker } } : {}),
      ...(s.questions[0] ? { openQuestion: s.questions[0] } : {}),
      allKeyPoints: s.keyPoints,
    })),
  };
  return digestToReply(digest);
}

/** Runs of letters and digits of the input: what a reader must still be able to read. */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The shape of /ask, /who and /feeds replies: article text in the title, intro, items and footer. */
export function answerReply(s: HostileStory): Reply {
  return {
    ...infoReply(s.questions[0] ?? s.title, s.keyPoints.join("\n"), [
      bullets(
        "From the story",
        s.quotes.map((q) => q.quote),
      ),
      { heading: s.feedTitle, style: "paragraphs", items: s.keyPoints },
    ]),
    footer: `Feed: ${s.feedTitle}`,
  };
}

/** Terminal sequences legitimately take the characters after ESC with them, so words next to one may go. */
export function hasTerminalIntroducer(text: string): boolean {
  return /[\u001b\u0090\u0098\u009b\u009d-\u009f]/.test(text);
}

/** Every word and emoji of the article text is still visible after escaping (not merely deleted). */
export function expectOriginalsVisible(visible: string, originals: string[]): void {
  for (const text of originals) {
    if (hasTerminalIntroducer(text)) continue;
    for (const word of words(text)) expect(visible).toContain(word);
    for (const emoji of EMOJI) if (text.includes(emoji)) expect(visible).toContain(emoji);
  }
}

/**
 * The property every renderer must hold: brief, digest and answer replies built from hostile
 * stories pass `expectNeutral` (each renderer's own checker), with the texts they were made from.
 */
export function assertNeutralReplies(expectNeutral: (reply: Reply, originals: string[]) => void): void {
  fc.assert(
    fc.property(hostileStory, fc.array(hostileStory, { minLength: 1, maxLength: 3 }), (story, more) => {
      expectNeutral(briefReply(story), storyStrings(story, "brief"));
      expectNeutral(
        digestReply([story, ...more]),
        [story, ...more].flatMap((s) => storyStrings(s, "digest")),
      );
      expectNeutral(answerReply(story), [...story.keyPoints, story.feedTitle]);
    }),
    { numRuns: 150 },
  );
}
