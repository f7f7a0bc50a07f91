import { type StoryView, UserFacingError } from "../src/app/services.js";
import { briefToReply } from "../src/render/brief.js";
import { bullets, errorReply, type Reply, type ReplySection } from "../src/render/reply.js";
import type { CommandContext } from "./types.js";

/** How many links of one message are read: each is a fetch and an analysis. */
export const MAX_MESSAGE_LINKS = 3;

/**
 * The web addresses in a chat message, in order, each once: Slack's `<https://…|label>` and
 * `<https://…>` forms, Discord's `<https://…>` (link without preview) and bare addresses. Trailing
 * punctuation of the sentence (`.`, `,`, `)` without its `(`) is not part of the address.
 */
export function linksInMessage(text: string): string[] {
  const found: string[] = [];
  const add = (raw: string) => {
    let url = raw.replace(/[.,;:!?'"’”»]+$/u, "");
    // A closing parenthesis belongs to the address only when it opened one (Wikipedia links).
    while (url.endsWith(")") && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0))
      url = url.slice(0, -1).replace(/[.,;:!?]+$/, "");
    if (!found.includes(url)) found.push(url);
  };
  const angled = /<(https?:\/\/[^\s<>|]+)(?:\|[^<>]*)?>/gi;
  for (const m of text.matchAll(angled)) add(m[1]!.replace(/&amp;/g, "&"));
  const bare = text.replace(angled, " ");
  for (const m of bare.matchAll(/\bhttps?:\/\/[^\s<>]+/gi)) add(m[0]);
  return found;
}

/** A link of the message and what became of it. */
export type LinkBrief = { url: string; story: StoryView } | { url: string; error: string };

/**
 * Reads each link of `text` (at most MAX_MESSAGE_LINKS) as `/add <url>` does — the same fetcher,
 * SSRF checks and limits, so an internal address is refused with the same reason — and files it
 * as a story of the channel. A link that cannot be read is kept with its reason; any other failure
 * is left to the caller.
 */
export async function briefLinksInText(
  ctx: CommandContext,
  text: string,
): Promise<{ links: LinkBrief[]; total: number }> {
  const all = linksInMessage(text);
  const links: LinkBrief[] = [];
  for (const url of all.slice(0, MAX_MESSAGE_LINKS)) {
    try {
      links.push({ url, story: await ctx.services.stories.addUrl(ctx.tenant, url, ctx.channelId) });
    } catch (err) {
      if (!(err instanceof UserFacingError)) throw err;
      links.push({ url, error: err.message });
    }
  }
  return { links, total: all.length };
}

/**
 * The reply for a message's links: one link, its brief; several, each story's title with its key
 * points and source; links that could not be read are named with the reason. No link at all is a
 * private error saying so.
 */
export function linkBriefsReply(links: readonly LinkBrief[], total = links.length): Reply {
  if (total === 0)
    return errorReply(
      "That message has no links to brief.",
      "Use Summarise on a message with an http(s) link, or /add the article text.",
    );
  const read = links.filter((l): l is { url: string; story: StoryView } => "story" in l);
  const failed = links.filter((l): l is { url: string; error: string } => "error" in l);
  const notes = [
    ...failed.map((f) => `Could not read ${f.url}: ${f.error}`),
    ...(total > links.length ? [`Only the first ${links.length} of ${total} links were read.`] : []),
  ];
  if (read.length === 0) {
    const reply = errorReply(
      total === 1 ? "The link in that message could not be read." : "No link in that message could be read.",
      "Paste the article text with /add instead.",
    );
    reply.sections = [bullets(undefined, notes)];
    return reply;
  }
  if (read.length === 1) {
    const { story } = read[0]!;
    const reply = briefToReply(story.brief, { storyId: story.id, url: story.url, maxKeyPoints: 3 });
    if (notes.length) reply.sections.push(bullets("Not read", notes));
    return reply;
  }
  const sections: ReplySection[] = read.map(({ story }) => ({
    heading: story.title || "Untitled story",
    style: "bullets",
    items: [...story.brief.keyPoints.slice(0, 3).map((k) => k.text), `story ${story.id}`],
    ...(story.url ? { links: [story.url] } : {}),
  }));
  if (notes.length) sections.push(bullets("Not read", notes));
  return {
    title: `${read.length} stories from this message`,
    sections,
    footer: "/summary <story> for the whole brief",
    tone: "info",
    ephemeral: false,
  };
}

/**
 * Story ids packed into a button's id or value (Discord allows 100 characters): a UUID as its 16
 * bytes in base64url (22 characters), anything else as it is; joined by `.`, which neither uses.
 */
export function packStoryIds(ids: readonly string[]): string {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return ids
    .map((id) => (uuid.test(id) ? Buffer.from(id.replace(/-/g, ""), "hex").toString("base64url") : id))
    .join(".");
}

export function unpackStoryIds(packed: string): string[] {
  return packed
    .split(".")
    .filter(Boolean)
    .map((part) => {
      if (!/^[A-Za-z0-9_-]{22}$/.test(part)) return part;
      const hex = Buffer.from(part, "base64url").toString("hex");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    });
}

/** The reply again, from the stories' ids (a "Post in thread" click), without reading anything. */
export async function storiesReply(ctx: CommandContext, ids: readonly string[]): Promise<Reply> {
  const links: LinkBrief[] = [];
  for (const id of ids) {
    const story = await ctx.services.stories.resolve(ctx.tenant, id);
    if (story && story.id === id) links.push({ url: story.url ?? "", story });
  }
  if (!links.length)
    return errorReply("Those stories are no longer there.", "Use Summarise on the message again.");
  return linkBriefsReply(links);
}
