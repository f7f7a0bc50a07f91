import { linksIn } from "../src/app/conversation/message-text.js";
import { briefLinks } from "../src/app/services/link-briefs.js";
import type { StoryView } from "../src/app/services.js";
import { classifyAddress } from "../src/ingest/classify-input.js";
import { briefToReply } from "../src/render/brief.js";
import { bullets, errorReply, type Reply, type ReplySection } from "../src/render/reply.js";
import type { ExecuteHooks } from "./run.js";
import type { CommandContext } from "./types.js";

/** A link of the message and what became of it. */
export type LinkBrief = { url: string; story: StoryView } | { url: string; error: string };

/**
 * Reads the links of `text` with the one link briefer the conversations use (briefLinks: the
 * links a message holds, at most MAX_LINKS_PER_MESSAGE, each read as `/add <url>` reads it — the
 * same SSRF-checked fetcher and limits — and filed as a story of the channel), and keeps each
 * link's story, or the reason it could not be read, for the shortcut's one combined reply.
 */
export async function briefLinksInText(
  ctx: CommandContext,
  text: string,
  onError?: (err: unknown, url: string) => void,
): Promise<{ links: LinkBrief[]; total: number }> {
  const total = linksIn(text).filter((u) => classifyAddress(u)?.kind === "url").length;
  const links: LinkBrief[] = [];
  for (const brief of await briefLinks(ctx, text, onError ? { onError } : {})) {
    const story = brief.storyId ? await ctx.services.stories.resolve(ctx.tenant, brief.storyId) : null;
    links.push(
      story
        ? { url: brief.url, story }
        : { url: brief.url, error: brief.reply.intro ?? "it could not be read" },
    );
  }
  return { links, total };
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

/** The name the Summarise shortcut reports to the command hooks (logs, metrics). */
const SUMMARISE_COMMAND = "summarise (message)";

/**
 * What the Summarise shortcut answers on every platform: the message's links briefed and made one
 * private reply, with the stories it filed (for the share button), reported to the hooks as a
 * command is. A failure is logged and answered with an error reply, never thrown.
 */
export async function summariseMessage(
  ctx: CommandContext,
  text: string,
  hooks: ExecuteHooks,
): Promise<{ reply: Reply; storyIds: string[] }> {
  const report = (err: unknown) => hooks.onError?.(err, { command: SUMMARISE_COMMAND, options: {} });
  const started = performance.now();
  let reply: Reply;
  let storyIds: string[] = [];
  try {
    const { links, total } = await briefLinksInText(ctx, text, report);
    storyIds = links.flatMap((l) => ("story" in l ? [l.story.id] : []));
    reply = linkBriefsReply(links, total);
  } catch (err) {
    report(err);
    reply = errorReply("Something went wrong while reading that message's links.", "Try again in a moment.");
  }
  hooks.onDone?.(
    SUMMARISE_COMMAND,
    reply.tone === "error" ? "user_error" : "ok",
    performance.now() - started,
  );
  return { reply, storyIds };
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
