import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { infoReply, type Reply } from "../../src/render/reply.js";
import { renderSlack } from "../../src/render/slack.js";
import { cleanText, oneLine } from "../../src/render/unicode.js";
import { checkSlackMessages } from "./checkers.js";
import {
  assertNeutralReplies,
  digestReply,
  EMOJI,
  expectOriginalsVisible,
  hostileText,
  SLACK_FORMS,
  STORY_URL,
} from "./hostile.js";

const shown = (s: string | undefined) => Boolean(s && cleanText(oneLine(s)).trim());

function expectNeutral(reply: Reply, originals: string[]) {
  const found = checkSlackMessages(renderSlack(reply));
  expect(found.markup).toEqual([]);
  // Only Newsdesk's own bold and links: the title, the section headings, the story's addresses.
  expect(found.headings).toBe(
    (shown(reply.title) ? 1 : 0) + reply.sections.filter((s) => shown(s.heading)).length,
  );
  const links = reply.sections.reduce((n, s) => n + (s.links?.length ?? 0), 0);
  expect(found.links).toBe(links + (reply.url && shown(reply.title) ? 1 : 0));
  expectOriginalsVisible(found.visible, originals);
}

describe("renderSlack: article text never becomes markup (property)", () => {
  it("brief, digest and answer replies with every markup form, bidi controls and emoji", () => {
    assertNeutralReplies(expectNeutral);
  });

  it("stays neutral when long items are split over several sections and messages", () => {
    const long = fc.array(hostileText(), { minLength: 80, maxLength: 160 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.array(long, { minLength: 1, maxLength: 4 }), (items) => {
        const reply = infoReply("Long", items[0], [{ heading: "Key points", style: "bullets", items }]);
        expect(checkSlackMessages(renderSlack(reply)).markup).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

/** What each form becomes in the text object; before the fix each reached Slack live. */
const ROWS: [string, string][] = [
  ["*bold*", "∗bold∗"],
  ["_italic_", "ˍitalicˍ"],
  ["~strike~", "∼strike∼"],
  ["`code`", "ˋcodeˋ"],
  ["```fence```", "ˋˋˋfenceˋˋˋ"],
  ["<!channel>", "&lt;!channel\u00ad&gt;"],
  ["<!here>", "&lt;!here\u00ad&gt;"],
  ["<!everyone>", "&lt;!everyone\u00ad&gt;"],
  ["<@U123ABC>", "&lt;@U123ABC\u00ad&gt;"],
  ["<#C123ABC>", "&lt;#C123ABC\u00ad&gt;"],
  ["<#C123ABC|general>", "&lt;#C123ABC|general\u00ad&gt;"],
  ["<https://evil.example|click here>", "&lt;https://evil.example|click here\u00ad&gt;"],
  ["<mailto:a@evil.example|mail>", "&lt;mailto:a@evil.example|mail\u00ad&gt;"],
  ["<!date^1700000000^{date_short}|fallback>", "&lt;!date^1700000000^{dateˍshort}|fallback\u00ad&gt;"],
  ["<!subteam^S123|@team>", "&lt;!subteam^S123|@team\u00ad&gt;"],
  ["&amp;", "&amp;amp;"],
  ["&lt;!channel&gt;", "&amp;lt;!channel&amp;gt;"],
  ["@channel", "@\u200bchannel"],
  // Slack links "#general" to the channel only when the text object is not verbatim.
  ["#general", "#general"],
  [
    "https://bare.example/path_with_under*scores*~x~",
    "https://bare.example/path%5Fwith%5Funder%2Ascores%2A%7Ex%7E",
  ],
  ["> quote", "\u00ad&gt; quote"],
];

describe("renderSlack: each markup form is neutral", () => {
  it("has one row for every Slack form the property test inserts", () => {
    expect(ROWS.map(([form]) => form).sort()).toEqual(SLACK_FORMS.map((f) => f.trim()).sort());
  });

  it.each(ROWS)("%j", (form, escaped) => {
    const messages = renderSlack(
      infoReply(`T ${form}`, form, [{ style: "bullets", items: [`a ${form} b`] }]),
    );
    const found = checkSlackMessages(messages);
    expect(found.markup).toEqual([]);
    const [title, intro, item] = messages[0]!.blocks;
    expect(title).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: `*T ${escaped}*`, verbatim: true },
    });
    expect(intro).toEqual({ type: "section", text: { type: "mrkdwn", text: escaped, verbatim: true } });
    expect(item).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: `• a ${escaped} b`, verbatim: true },
    });
  });

  it("sets verbatim: true on every text object, footers included, so #general and bare URLs stay text", () => {
    const [m] = renderSlack({ ...infoReply("T", "see #general and www.evil.example"), footer: "@here" });
    const texts = m!.blocks.flatMap((b) =>
      b.type === "section" ? [b.text] : b.type === "context" ? b.elements : [],
    );
    expect(texts.length).toBe(3);
    for (const t of texts) expect(t.verbatim).toBe(true);
  });

  it("keeps the links Newsdesk builds working: the title link and a digest's sources", () => {
    const [m] = renderSlack({ ...infoReply("Talks *resume*"), url: STORY_URL });
    const first = m!.blocks[0]!;
    expect(first.type === "section" && first.text.text).toBe(`*<${STORY_URL}|Talks ∗resume∗>*`);
    const reply = digestReply([{ title: "T", keyPoints: ["k"], quotes: [], questions: [], feedTitle: "F" }]);
    const all = JSON.stringify(renderSlack(reply));
    expect(all).toContain(`• Sources: <${STORY_URL}&n=0>`);
  });

  it("keeps emoji sequences and drops bidi controls", () => {
    const text = `${EMOJI.join(" ")} \u202eevil\u202c \u2066x\u2069`;
    const [m] = renderSlack(infoReply("T", text));
    const intro = m!.blocks[1]!;
    expect(intro.type === "section" && intro.text.text).toBe(`${EMOJI.join(" ")} evil x`);
  });
});
