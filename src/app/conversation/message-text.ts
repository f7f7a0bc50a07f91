/**
 * Reading a chat message someone wrote to (or near) the bot: the web links in it and the words
 * left once mentions and link markup are taken out. Both platforms' markup is understood, so one
 * reader serves the Slack and Discord adapters: Slack sends `<@U1>`, `<https://x|label>`, `<!here>`
 * with `&amp;`/`&lt;`/`&gt;` escaped; Discord sends `<@123>`, `<@!123>`, `<#123>`, bare links and
 * `<https://x>` (a link whose preview was suppressed).
 */

/** At most this many links of one message are briefed: a pasted list of 40 links is not 40 briefs. */
export const MAX_LINKS_PER_MESSAGE = 3;

const SLACK_ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };
const decodeSlack = (s: string) => s.replace(/&(?:amp|lt|gt);/g, (m) => SLACK_ENTITIES[m]!);

/** Characters that end a bare link in running text, and trailing punctuation that is not part of it. */
const BARE_LINK = /https?:\/\/[^\s<>"'`|]+/gi;
const TRAILING = /[.,;:!?)\]}»”’]+$/;

/** The http(s) links of a message, first occurrence first, without duplicates. */
export function linksIn(text: string): string[] {
  const found: string[] = [];
  const add = (raw: string) => {
    let url = decodeSlack(raw).replace(TRAILING, "");
    // A closing parenthesis that belongs to the link (Wikipedia-style) is kept when it opened inside it.
    if (raw.endsWith(")") && url.includes("(") && !url.endsWith(")")) url += ")";
    try {
      const u = new URL(url);
      if ((u.protocol === "http:" || u.protocol === "https:") && !found.includes(u.href)) found.push(u.href);
    } catch {
      // Not an address after all ("http://" alone): ignored.
    }
  };
  // Bracketed links first (Slack's <url|label>, Discord's <url>), then the bare ones outside them.
  const rest = text.replace(/<(https?:\/\/[^>|\s]+)(?:\|[^>]*)?>/gi, (_m, url: string) => {
    add(url);
    return " ";
  });
  for (const m of rest.matchAll(BARE_LINK)) add(m[0]);
  return found;
}

/**
 * The words of a message with the mentions and links taken out, whitespace collapsed: what a
 * question to the bot says. A Slack link with a label keeps its label (`<https://x|the story>`).
 */
export function wordsOf(text: string): string {
  return decodeSlack(
    text
      .replace(/<[@#!][^>]*>/g, " ")
      .replace(/<https?:\/\/[^>|\s]+\|([^>]*)>/gi, "$1")
      .replace(/<https?:\/\/[^>\s]*>/gi, " "),
  )
    .replace(BARE_LINK, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether the message mentions the user `botUserId` (Slack `<@U…>`, Discord `<@123>` / `<@!123>`). */
export function mentions(text: string, botUserId: string | undefined): boolean {
  if (!botUserId) return false;
  return text.includes(`<@${botUserId}>`) || text.includes(`<@!${botUserId}>`);
}
