import { UserFacingError } from "../src/app/services.js";
import { type Reply, successReply } from "../src/render/reply.js";
import { defineAction } from "./types.js";

const EXAMPLES = "/newsdesk autolinks on, /newsdesk autolinks off, /newsdesk autolinks on unfurl:example.com";

/** "Example.com, www.news.example.org" → ["example.com", "news.example.org"]; refuses what is no domain. */
function domainsOf(text: string | undefined): string[] {
  if (!text) return [];
  const domains: string[] = [];
  for (const raw of text.split(/[\s,]+/).filter(Boolean)) {
    const d = raw
      .toLowerCase()
      .replace(/^https?:\/\//, "")
      .replace(/\/.*$/, "")
      .replace(/^www\./, "");
    // A host name as Slack reports it in link_shared (example.com, news.example.org, an intranet host).
    if (
      !/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/.test(
        d,
      )
    )
      throw new UserFacingError(
        `"${raw}" is not a domain.`,
        "Give domains like example.com, separated by commas.",
      );
    if (!domains.includes(d)) domains.push(d);
  }
  if (domains.length > 20)
    throw new UserFacingError("At most 20 unfurl domains.", "Keep the ones your channel reads most.");
  return domains;
}

/**
 * `/newsdesk autolinks on|off`: whether a link to an article posted in this channel gets its brief
 * as a thread reply (Slack) or a reply (Discord). Off by default: briefs nobody asked for are noise.
 */
export const autolinksAction = defineAction({
  name: "autolinks",
  description: "Brief article links posted in this channel: on or off (admins)",
  adminOnly: true,
  options: [
    { name: "mode", description: "on or off", type: "string", required: true, maxLength: 10 },
    {
      name: "unfurl",
      description:
        "Slack: domains whose links are unfurled with their brief, e.g. example.com,news.example.org",
      type: "string",
      maxLength: 1000,
      namedOnly: true,
    },
  ],
  async handler(ctx, args): Promise<Reply> {
    const mode = args.mode.trim().toLowerCase();
    if (mode !== "on" && mode !== "off")
      throw new UserFacingError(`"${args.mode}" is neither on nor off.`, `Examples: ${EXAMPLES}`);
    const unfurlDomains = mode === "on" ? domainsOf(args.unfurl) : [];
    if (unfurlDomains.length && ctx.platform !== "slack")
      throw new UserFacingError(
        "Unfurls are a Slack feature.",
        "Use /newsdesk autolinks on without unfurl:.",
      );
    await ctx.services.threads.setAutolinks(ctx.tenant, ctx.channelId, { on: mode === "on", unfurlDomains });
    if (mode === "off")
      return successReply(
        "Auto-briefs off",
        "Links posted in this channel get no brief unless someone mentions Newsdesk.",
      );
    const how = ctx.platform === "discord" ? "a reply" : "a reply in its thread";
    const lines = [
      `A link to an article posted in this channel now gets its brief as ${how}: one per message, at most 10 per hour by default (AUTOLINKS_PER_HOUR); pages that are no article get none, and bots' messages are never briefed.`,
    ];
    if (unfurlDomains.length)
      lines.push(`Links to ${unfurlDomains.join(", ")} are unfurled with their brief instead.`);
    if (ctx.platform === "discord")
      lines.push(
        "Discord shows a bot the text of messages that do not mention it only with the Message Content intent: if links get no brief, ask whoever runs Newsdesk to set DISCORD_MESSAGE_CONTENT=true.",
      );
    return successReply("Auto-briefs on", lines.join(" "));
  },
});
