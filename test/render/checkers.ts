/**
 * Small parsers that read rendered output the way each platform would and list every piece of
 * markup it would interpret. Newsdesk's own markup (bold headings, bullets, the links it builds)
 * is taken out first and counted, so a test can also check that no more of it appeared than
 * the reply asked for. Independent of src/render/escape.ts on purpose: they model the platform.
 */
import type { DiscordMessage } from "../../src/render/discord.js";
import type { SlackMessage } from "../../src/render/slack.js";
import { containsHiddenFormatting } from "../../src/render/unicode.js";

const ZWSP = "\u200b";

export interface Findings {
  /** Markup the platform would interpret in article text (empty when the output is neutral). */
  markup: string[];
  /** Text as a reader sees it, Newsdesk's markup and every escape removed. */
  visible: string;
  /** Newsdesk's own bold headings found (Discord `**…**` lines, Slack `*…*` lines). */
  headings: number;
  /** Links found (Discord: bare web addresses; Slack: `<url>` and `<url|label>`). */
  links: number;
}

function hidden(text: string, where: string, markup: string[], mass = /@(everyone|here)/i): void {
  if (containsHiddenFormatting(text)) markup.push(`${where}: hidden formatting`);
  if (mass.test(text)) markup.push(`${where}: bare mass mention`);
}

/**
 * Discord markdown as the client parses it: a backslash escapes the next character; `* _ ~ \` |`
 * delimit emphasis, code and spoilers, `[ ]` masked links, `>` quotes; at a line start `#` is a
 * heading, `-#` subtext, `-`, `*` or `1.` a list; `<` followed by `# @ / : t a` or a URL is a
 * mention, command, timestamp, emoji or suppressed link.
 */
export function checkDiscordMarkdown(text: string, where = "discord"): Findings {
  const markup: string[] = [];
  let headings = 0;
  const lines = text.split("\n").map((line) => {
    const heading = /^\*\*(.*)\*\*$/.exec(line);
    if (heading) headings++;
    return (heading ? heading[1]! : line).replace(/^• /, "");
  });
  const body = lines.join("\n");
  let visible = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\\" && i + 1 < body.length) {
      visible += body[++i];
      continue;
    }
    if ("*_~`|[]>".includes(c))
      markup.push(`${where}: raw ${c} in ${JSON.stringify(body.slice(i - 10, i + 10))}`);
    if (c === "<" && body[i + 1] !== ZWSP) markup.push(`${where}: raw <${body.slice(i + 1, i + 12)}`);
    const lineStart = i === 0 || body[i - 1] === "\n";
    if (lineStart && /^[ \t]*(#{1,3} |-# |[-*+] |\d+\. )/.test(body.slice(i)))
      markup.push(`${where}: line-start markup ${JSON.stringify(body.slice(i, i + 6))}`);
    visible += c;
  }
  hidden(text, where, markup);
  const links = body.match(/https?:\/\/\S+/g)?.length ?? 0;
  return { markup, visible: visible.replaceAll(ZWSP, ""), headings, links };
}

/** Every Discord field of every message; footers show no markdown, so only mentions and hidden text count there. */
export function checkDiscordMessages(messages: DiscordMessage[]): Findings {
  const all: Findings = { markup: [], visible: "", headings: 0, links: 0 };
  for (const m of messages) {
    if (m.allowed_mentions.parse.length !== 0) all.markup.push("allowed_mentions is not empty");
    if (m.content) all.markup.push("content is set");
    for (const e of m.embeds) {
      for (const [where, text] of [
        ["title", e.title],
        ["description", e.description],
      ] as const) {
        if (!text) continue;
        const f = checkDiscordMarkdown(text, where);
        all.markup.push(...f.markup);
        all.visible += `${f.visible}\n`;
        all.headings += f.headings;
        all.links += f.links;
      }
      if (e.footer) {
        hidden(e.footer.text, "footer", all.markup);
        if (/<@[!&]?\d/.test(e.footer.text)) all.markup.push("footer: mention");
        all.visible += `${e.footer.text.replaceAll(ZWSP, "")}\n`;
      }
    }
  }
  return all;
}

/**
 * Slack mrkdwn as Slack reads it: `&amp; &lt; &gt;` are the only entities; `<…>` is a link,
 * mention or command; `* _ ~ \`` format; a line starting with `>` (or `&gt;`) is a quote; a text
 * object without `verbatim: true` may have bare URLs, `#channel` and `@name` linked.
 */
export function checkSlackText(text: string, where = "slack"): Findings {
  const markup: string[] = [];
  let headings = 0;
  let links = 0;
  const body = text
    .split("\n")
    .map((line) => {
      const heading = /^(?:✅ |⚠️ )?\*([^*]*)\*$/.exec(line);
      if (heading) headings++;
      return (heading ? heading[1]! : line).replace(/^• /, "");
    })
    .join("\n")
    .replace(/<(https?:\/\/[^\s<>|]+)(?:\|([^<>]*))?>/g, (_, _url: string, label?: string) => {
      links++;
      return label ?? "";
    });
  for (const m of body.matchAll(/[<>*_~`]|&(?!amp;|lt;|gt;)/g))
    markup.push(`${where}: raw ${m[0]} in ${JSON.stringify(body.slice(m.index - 10, m.index + 10))}`);
  for (const m of body.matchAll(/^[ \t]*&gt;/gm)) markup.push(`${where}: blockquote at ${m.index}`);
  hidden(text, where, markup, /@(everyone|here|channel)/i);
  const visible = body
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/[\u200b\u00ad]/g, "");
  return { markup, visible, headings, links };
}

export function checkSlackMessages(messages: SlackMessage[]): Findings {
  const all: Findings = { markup: [], visible: "", headings: 0, links: 0 };
  const add = (f: Findings) => {
    all.markup.push(...f.markup);
    all.visible += `${f.visible}\n`;
    all.headings += f.headings;
    all.links += f.links;
  };
  for (const m of messages) {
    // The notification text is shown by the OS, but Slack parses it like message text.
    all.markup.push(...checkSlackText(m.text, "fallback").markup);
    for (const b of m.blocks) {
      const texts = b.type === "section" ? [b.text] : b.type === "context" ? b.elements : [];
      for (const t of texts) {
        if (t.verbatim !== true) all.markup.push(`${b.type}: text object without verbatim: true`);
        add(checkSlackText(t.text, b.type));
      }
    }
  }
  return all;
}

/** A terminal interprets every C0 and C1 control except newline and tab (ESC, CSI, BEL, CR, BS…). */
export function checkConsole(text: string): Findings {
  const markup: string[] = [];
  for (const m of text.matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g))
    markup.push(`console: control U+${m[0].charCodeAt(0).toString(16).padStart(4, "0")} at ${m.index}`);
  if (containsHiddenFormatting(text)) markup.push("console: hidden formatting");
  return { markup, visible: text, headings: 0, links: 0 };
}
