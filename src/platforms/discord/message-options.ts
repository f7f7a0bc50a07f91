import type { DiscordMessage } from "../../render/discord.js";

/** A rendered message as discord.js send/edit options, never able to mention anyone. */
export function toOptions(m: DiscordMessage) {
  return {
    embeds: m.embeds,
    allowedMentions: { parse: [] as [] },
    ...(m.content ? { content: m.content } : {}),
  };
}
