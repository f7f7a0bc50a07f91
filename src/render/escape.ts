/**
 * One neutraliser per platform, used for every piece of text a renderer shows. Article text is
 * untrusted: a story that contains "@everyone", "<!channel>", "<#123>", "*bold*", a right-to-left
 * override or a terminal escape must reach the reader as the visible characters it is made of,
 * never as a ping, a link, a timestamp, formatting, reversed text or a recoloured terminal.
 * Discord additionally sends `allowed_mentions: { parse: [] }` on every message and Slack text
 * objects carry `verbatim: true`; the text-level defence keeps each message safe on its own.
 */
import { cleanText } from "./unicode.js";

const ZWSP = "\u200b";
/** Soft hyphen: invisible, and a line starting with it is no Slack blockquote (jsx-slack does the same). */
const SHY = "\u00ad";

/**
 * Escape sequences the escapers emit, which a splitter must keep whole: a Discord backslash
 * escape, a Slack entity (with the soft hyphen before `&gt;`), a zero-width space after `<` or `@`,
 * and a percent-encoded byte. Matched left to right from the start of escaped text.
 */
export const ESCAPE_UNIT = /\\[\s\S]|\u00ad&gt;|&(?:amp|lt|gt);|<\u200b|@\u200b|%[0-9A-F]{2}/g;

/**
 * Web addresses in article text. Inside one, markup characters are percent-encoded rather than
 * escaped: the address still opens the same page when the platform links it (a backslash would
 * become part of the link) and still forms no markup when it does not.
 */
const URL_SPAN = /https?:\/\/[^\s<>]+/gi;

function encodeInUrls(text: string, chars: RegExp, escapeRest: (s: string) => string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(URL_SPAN)) {
    const url = m[0].slice(0, urlEnd(m[0]));
    out += escapeRest(text.slice(last, m.index));
    out += url.replace(chars, percentEncode);
    last = m.index + url.length;
  }
  return out + escapeRest(text.slice(last));
}

/** Where an address in prose ends: not at the sentence's full stop or closing bracket, but a
 * bracket it opened itself (Wikipedia's `Foo_(bar)`) stays in. */
function urlEnd(span: string): number {
  let end = span.length;
  while (end > 0 && /[.,:;"'!?)\]]/.test(span[end - 1]!)) {
    const head = span.slice(0, end);
    if (span[end - 1] === ")" && head.split("(").length >= head.split(")").length) break;
    end--;
  }
  return end;
}

function percentEncode(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
}

/** Breaks @everyone, @here and <@…>/<@&…> user and role mentions with a zero-width space. */
export function neutraliseDiscordMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(?!\u200b)/g, `<${ZWSP}`);
}

/**
 * Discord text shown as written. Every markdown character gets a backslash (Discord's escape for
 * any ASCII punctuation): emphasis `* _ ~`, code `` ` ``, spoilers `|`, masked links `[ ]`, quotes
 * `>`, headings `#`; `-` or `+` before a space (lists), `-#` (subtext) and a number's `.` before a
 * space (numbered lists) too. These are escaped anywhere, not only at a line start, because a long
 * item split over two embeds starts a line wherever the cut falls. Every `<` is followed by a
 * zero-width space, so no `<#channel>`, `</command:id>`, `<t:…>`, `<@user>`, `<@&role>`,
 * `<:emoji:id>` or `<https://…>` can form. `plain` is for fields Discord shows without markdown
 * (embed footers): there a backslash would be shown, so only mentions are broken.
 * discord.js's `escapeMarkdown` was not enough: it leaves the `<…>` forms, `>`, `-#` and mid-line
 * markers alone and, for "````", leaves the fourth backtick unescaped.
 */
export function escapeDiscord(text: string, field: "markdown" | "plain" = "markdown"): string {
  const clean = cleanText(text);
  if (field === "plain") return neutraliseDiscordMentions(clean);
  const escaped = encodeInUrls(clean, /[\\*_~`|[\]()]/g, (s) =>
    s
      .replace(/[\\*_~`|[\]>#]/g, "\\$&")
      .replace(/-(?=[\s#]|$)|\+(?=\s|$)/g, "\\$&")
      .replace(/(\d)\.(?=\s|$)/g, "$1\\."),
  );
  return neutraliseDiscordMentions(escaped);
}

/**
 * Slack mrkdwn text shown as written. Slack has no escape character besides the entities for
 * `& < >`, so with `<` gone no `<!channel>`, `<!here>`, `<@U…>`, `<#C…>`, `<url|text>`,
 * `<!date…>` or `<!subteam^…>` can form, and the formatting characters become look-alikes that
 * Slack does not parse: `*` → ∗ (U+2217), `_` → ˍ (U+02CD), `~` → ∼ (U+223C), `` ` `` → ˋ (U+02CB),
 * which also ends code spans and fences. A `>` gets a soft hyphen before it, so no line (also one
 * a split starts) is a blockquote. Bare "@channel"-style words are broken too. Auto-linking of
 * bare URLs, `#channel` and `@name` is switched off by `verbatim: true` on the text object.
 */
export function escapeSlack(text: string): string {
  const escaped = encodeInUrls(cleanText(text), /[*_~`]/g, (s) =>
    s.replace(/[*_~`]/g, (c) => SLACK_LOOKALIKE[c] ?? c),
  );
  return escaped
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, `${SHY}&gt;`)
    .replace(/@(channel|here|everyone)/gi, `@${ZWSP}$1`);
}

const SLACK_LOOKALIKE: Record<string, string> = { "*": "\u2217", _: "\u02cd", "~": "\u223c", "`": "\u02cb" };

/**
 * Console text: terminal sequences and controls (C0, C1, ESC, CSI) removed, so printed text
 * cannot move the cursor, recolour the terminal or rewrite earlier lines; bidi controls removed.
 */
export function escapeConsole(text: string): string {
  return cleanText(text);
}

/**
 * A link Newsdesk builds itself (a story's own address) for Discord: shown bare, which Discord
 * links, with the characters that would end the link early or form markdown percent-encoded.
 */
export function discordLinkUrl(url: string): string {
  return new URL(url).href.replace(/[\\*_~`|[\]()<>]/g, percentEncode);
}

/** A URL safe inside Slack's `<url>` or `<url|label>`: the characters that end or split it are encoded. */
export function slackLinkUrl(url: string): string {
  return new URL(url).href.replace(/[<>|]/g, (c) => encodeURIComponent(c));
}

/** True when text could still ping people on Discord (bare @everyone/@here, user or role mentions). */
export function containsDiscordMention(text: string): boolean {
  return /@(everyone|here)\b|<@[!&]?\d+>/i.test(text);
}

/** True when text could still ping people on Slack (special mentions, user or group mentions). */
export function containsSlackMention(text: string): boolean {
  return /<!(channel|here|everyone|subteam)|<@[UW][A-Z0-9]+>|@(everyone|here|channel)\b/i.test(text);
}
