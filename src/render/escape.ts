/**
 * Mention neutralising and escaping, per platform. Article text is untrusted: a story that quotes
 * "@everyone" or contains "<!channel>" must reach the chat as visible text that pings nobody.
 * Discord additionally sends `allowed_mentions: { parse: [] }` on every message (see discord.ts);
 * this text-level defence keeps the message readable and safe even if a payload were built
 * elsewhere without that flag.
 */

const ZWSP = "\u200b";

/** Breaks @everyone, @here and <@…>/<@&…> user and role mentions with a zero-width space. */
export function neutraliseDiscordMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<@/g, `<@${ZWSP}`);
}

/** Escapes Discord markdown so article text is shown as written, then neutralises mentions. */
export function escapeDiscord(text: string): string {
  const escaped = text
    .replace(/([\\*_~`|[\]])/g, "\\$1")
    // Quote, heading and list markers only count at the start of a line.
    .replace(/^(\s*)([>#-])/gm, "$1\\$2");
  return neutraliseDiscordMentions(stripControl(escaped));
}

/**
 * Escapes Slack mrkdwn: `&`, `<` and `>` are the only characters Slack requires escaped, and with
 * `<` gone no `<!channel>`, `<!here>`, `<!everyone>`, `<@U…>` or `<#C…>` can form. Bare
 * "@channel"-style words are broken too, because `link_names` or a client may still link them.
 */
export function escapeSlack(text: string): string {
  return stripControl(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(channel|here|everyone)/gi, `@${ZWSP}$1`);
}

/**
 * Removes control characters (except newline and tab), including ESC, so text printed to a
 * terminal cannot move the cursor, recolour it or rewrite earlier lines.
 */
export function stripControl(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

/** True when text could still ping people on Discord (bare @everyone/@here, user or role mentions). */
export function containsDiscordMention(text: string): boolean {
  return /@(everyone|here)\b|<@[!&]?\d+>/i.test(text);
}

/** True when text could still ping people on Slack (special mentions, user or group mentions). */
export function containsSlackMention(text: string): boolean {
  return /<!(channel|here|everyone|subteam)|<@[UW][A-Z0-9]+>|@(everyone|here|channel)\b/i.test(text);
}
