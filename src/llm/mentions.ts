/**
 * Neutralises chat mentions in text the model wrote. The renderers neutralise mentions too; this
 * is the second line of defence, so that a brief or answer never carries a live mass ping no
 * matter where it is shown (an article can ask the model to "tell @everyone").
 */

const ZERO_WIDTH_SPACE = "\u200B";

// @everyone / @here (Discord), <!channel> / <!here> / <!everyone> (Slack), <@id> / <@&role> / <#id>.
const MENTION =
  /@(everyone|here|channel)\b|<(!(?:channel|here|everyone)(?:\|[^>]*)?|@[!&]?\w+|#\w+|!subteam\^\w+)>/giu;

export function neutraliseMentions(text: string): string {
  return text.replace(MENTION, (match) =>
    match.startsWith("@") ? `@${ZERO_WIDTH_SPACE}${match.slice(1)}` : `<${ZERO_WIDTH_SPACE}${match.slice(1)}`,
  );
}

/** Whether text contains something a chat platform would turn into a ping. */
export function hasLiveMention(text: string): boolean {
  return new RegExp(MENTION.source, "iu").test(text);
}
