import { discordLinkUrl, escapeDiscord } from "./escape.js";
import { isWebUrl, type Reply, type ReplySection } from "./reply.js";
import { packItems, truncate } from "./split.js";
import { oneLine } from "./unicode.js";

/** Discord's documented message limits (https://discord.com/developers/docs/resources/message). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFooter: 2048,
  embedFields: 25,
  embedTotal: 6000,
  embedsPerMessage: 10,
} as const;

/** Subset of Discord's embed object that we send. */
export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  footer?: { text: string };
}

/** A message body for REST (create/edit/follow-up): snake_case as the API takes it. */
export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  /**
   * Nobody is ever pinged by anything the bot says; the one exception is the role an admin set
   * for an alert feed's `notify:` (render/mention.ts), named here alone.
   */
  allowed_mentions: { parse: []; roles?: string[] };
  /** 64 = EPHEMERAL. */
  flags?: number;
}

export const EPHEMERAL_FLAG = 64;

const COLOURS = { info: 0x2b6cb0, success: 0x2f855a, error: 0xc53030 } as const;

/** A title or heading, escaped, on one line and trimmed (`**x **` is not bold). */
function headingText(text: string): string {
  return escapeDiscord(oneLine(text)).trim();
}

/** Renders a Reply as one or more Discord messages, each within every embed limit. */
export function renderDiscord(reply: Reply): DiscordMessage[] {
  const title = reply.title ? truncate(headingText(reply.title), DISCORD_LIMITS.embedTitle) : undefined;
  // Footers show no markdown (a backslash would be shown), so they are neutralised, not escaped.
  const footer = reply.footer
    ? truncate(escapeDiscord(reply.footer, "plain"), DISCORD_LIMITS.embedFooter)
    : undefined;
  const lines: string[] = [];
  if (reply.intro) lines.push(escapeDiscord(reply.intro));
  for (const section of reply.sections) lines.push(...sectionLines(section, lines.length > 0));
  // Leave room for the title and footer inside the 6000 total of a message that carries them.
  const descriptionMax = Math.min(
    DISCORD_LIMITS.embedDescription,
    DISCORD_LIMITS.embedTotal - (title?.length ?? 0) - (footer?.length ?? 0),
  );
  const descriptions = lines.length ? packItems(lines, descriptionMax) : [""];
  const embeds: DiscordEmbed[] = descriptions.map((description) => ({
    ...(description ? { description } : {}),
    color: COLOURS[reply.tone],
  }));
  const first = embeds[0]!;
  if (title) first.title = title;
  if (title && isWebUrl(reply.url)) first.url = reply.url;
  if (footer) embeds[embeds.length - 1]!.footer = { text: footer };
  return packEmbeds(embeds).map((group) => ({
    embeds: group,
    allowed_mentions: { parse: [] },
    ...(reply.ephemeral ? { flags: EPHEMERAL_FLAG } : {}),
  }));
}

function sectionLines(section: ReplySection, gapBefore: boolean): string[] {
  const out: string[] = [];
  const gap = gapBefore ? "\n" : "";
  const title = headingText(section.heading ?? "");
  if (title) out.push(`${gap}**${title}**`);
  section.items.forEach((item, i) => {
    const text = escapeDiscord(item);
    const line =
      section.style === "bullets" ? `• ${text}` : section.style === "numbered" ? `${i + 1}. ${text}` : text;
    out.push(!section.heading && i === 0 ? `${gap}${line}` : line);
  });
  const links = (section.links ?? []).filter(isWebUrl).map(discordLinkUrl);
  const bullet = section.style === "bullets" ? "• " : "";
  if (links.length) out.push(`${out.length ? "" : gap}${bullet}Sources: ${links.join(" ")}`);
  return out;
}

/** Character count Discord applies to the 6000 total. */
export function embedLength(embed: DiscordEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
}

function packEmbeds(embeds: DiscordEmbed[]): DiscordEmbed[][] {
  const groups: DiscordEmbed[][] = [];
  let current: DiscordEmbed[] = [];
  let total = 0;
  for (const embed of embeds) {
    const size = embedLength(embed);
    if (
      current.length &&
      (current.length >= DISCORD_LIMITS.embedsPerMessage || total + size > DISCORD_LIMITS.embedTotal)
    ) {
      groups.push(current);
      current = [];
      total = 0;
    }
    current.push(embed);
    total += size;
  }
  if (current.length) groups.push(current);
  return groups;
}
