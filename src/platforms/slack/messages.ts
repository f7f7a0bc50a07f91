import type { App, webApi } from "@slack/bolt";
import { z } from "zod";
import type { ExecuteHooks } from "../../../commands/run.js";
import type { CommandContext, CommandDefinition } from "../../../commands/types.js";
import { answerMessage } from "../../app/conversation/answer.js";
import { looksLikeFollowUp } from "../../app/conversation/follow-up.js";
import { linksIn, mentions } from "../../app/conversation/message-text.js";
import { briefLinks } from "../../app/services/link-briefs.js";
import type { Services } from "../../app/services.js";
import type { Reply } from "../../render/reply.js";
import { renderSlack } from "../../render/slack.js";
import { type ConversationReplyDeps, startConversationReply } from "../conversation-reply.js";

type WebClient = webApi.WebClient;

/** `pause`: command work waits for pending acks (the AckGate), as slash commands do. */
export interface SlackConversationDeps extends ConversationReplyDeps {
  services: Services;
  registry: readonly CommandDefinition[];
  hooks: ExecuteHooks;
  contextFor(teamId: string, channelId: string, userId: string, admin: boolean): CommandContext;
  /** AUTOLINKS_PER_HOUR: auto-briefs per channel per hour. */
  autolinksPerHour: number;
}

/** The fields of a message or app_mention event Newsdesk reads; an event without them is ignored. */
const chatEventSchema = z.object({
  channel: z.string().min(1),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  user: z.string().optional(),
  text: z.string().max(40_000).optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
});
type ChatEvent = z.infer<typeof chatEventSchema>;

/** link_shared: `source` "composer" is a link still being typed (answered by unfurl_id, not ts). */
const linkSharedSchema = z.object({
  channel: z.string().min(1),
  message_ts: z.string().min(1),
  user: z.string().optional(),
  source: z.string().optional(),
  unfurl_id: z.string().optional(),
  links: z.array(z.object({ domain: z.string(), url: z.string() })).max(50),
});
type LinkShared = z.infer<typeof linkSharedSchema>;

/** The workspace an event is for, keyed as commands key their tenant (org-wide: the enterprise). */
function teamOf(context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string {
  return context.isEnterpriseInstall && context.enterpriseId ? context.enterpriseId : (context.teamId ?? "");
}

/**
 * Conversations on Slack (issue 15): `@Newsdesk <link>` is briefed in the message's thread,
 * `@Newsdesk <question>` in a thread is answered about that thread's story (app_mention); a plain
 * reply in a thread the bot posted stories in ("who said …?", "more", "what changed?", a
 * question) is answered too, and in channels that turned autolinks on, links posted at top level
 * get their brief as a thread reply (message.channels / message.groups). Events are acked by Bolt
 * before any listener runs and claimed once in the store (dedupe.ts): a retry answers nothing.
 * Messages from bots, Newsdesk included, are never answered.
 */
export function listenForConversations(app: App, deps: SlackConversationDeps): void {
  const { services, log } = deps;

  const handle = (work: () => Promise<void>) => startConversationReply(deps, "slack", work);

  async function post(client: WebClient, event: ChatEvent, root: string, replies: Reply[]): Promise<void> {
    for (const reply of replies) {
      for (const m of renderSlack(reply)) {
        if (reply.ephemeral && event.user)
          await client.chat.postEphemeral({
            channel: event.channel,
            user: event.user,
            thread_ts: root,
            text: m.text,
            blocks: m.blocks,
          });
        else
          await client.chat.postMessage({
            channel: event.channel,
            thread_ts: root,
            text: m.text,
            blocks: m.blocks,
            unfurl_links: false,
          });
      }
    }
  }

  /** Answers `event` in its thread; the thread remembers the stories its replies briefed. */
  async function converse(client: WebClient, teamId: string, event: ChatEvent, origin: "mention") {
    const tenant = `slack:${teamId}`;
    const root = event.thread_ts ?? event.ts;
    const threadStories = event.thread_ts
      ? await services.threads.storiesOf(tenant, event.channel, root)
      : [];
    const ctx = deps.contextFor(teamId, event.channel, event.user ?? "", false);
    const answer = await answerMessage(
      ctx,
      deps.registry,
      { text: event.text ?? "", threadStories },
      deps.hooks,
    );
    // A link briefed in a thread that already has stories (a digest's) adds to them: the items keep
    // their numbers.
    const added = answer.briefed.filter((id) => !threadStories.includes(id));
    if (added.length)
      await services.threads.remember(tenant, event.channel, root, [...threadStories, ...added], origin);
    await post(client, event, root, answer.replies);
  }

  app.event("app_mention", async ({ event, context, client }) => {
    const parsed = chatEventSchema.safeParse(event);
    if (!parsed.success) return;
    const e = parsed.data;
    if (e.bot_id || e.subtype === "bot_message" || !e.user) return;
    handle(() => converse(client, teamOf(context), e, "mention"));
  });

  app.event("message", async ({ event, context, client }) => {
    const parsed = chatEventSchema.safeParse(event);
    if (!parsed.success) return;
    const e = parsed.data;
    // Edits, joins, deletions and every bot's messages (its own included) are not conversation.
    if (e.subtype || e.bot_id || !e.user || !e.text) return;
    // A mention arrives as app_mention too: answered there, once.
    if (mentions(e.text, context.botUserId)) return;
    const teamId = teamOf(context);
    const tenant = `slack:${teamId}`;
    if (e.thread_ts && e.thread_ts !== e.ts) {
      // A reply in a thread: answered only in threads the bot posted stories in, and only when it
      // reads as a follow-up (not every remark people make to each other under a digest).
      if (!looksLikeFollowUp(e.text)) return;
      handle(async () => {
        const threadStories = await services.threads.storiesOf(tenant, e.channel, e.thread_ts!);
        if (!threadStories.length) return;
        await converse(client, teamId, e, "mention");
      });
      return;
    }
    if (!linksIn(e.text).length) return;
    handle(() => autoBrief(client, teamId, e));
  });

  // Unfurls: Slack sends link_shared for links on the app's unfurl domains; a channel that listed
  // the domain (/newsdesk autolinks on unfurl:…) gets the brief as the link's preview (chat.unfurl).
  app.event("link_shared", async ({ event, context, client }) => {
    const parsed = linkSharedSchema.safeParse(event);
    if (!parsed.success) return;
    const e = parsed.data;
    if (context.botUserId && e.user === context.botUserId) return;
    handle(() => unfurl(client, teamOf(context), e));
  });

  async function unfurl(client: WebClient, teamId: string, e: LinkShared): Promise<void> {
    const tenant = `slack:${teamId}`;
    const settings = await services.threads.autolinks(tenant, e.channel);
    const link = e.links.find((l) => settings.unfurlDomains.includes(domainOf(l.url)));
    if (!settings.on || !link) return;
    if ((await services.threads.autolinksLastHour(tenant, e.channel)) >= deps.autolinksPerHour) return;
    const ctx = deps.contextFor(teamId, e.channel, e.user ?? "", false);
    const [brief] = (await briefLinks(ctx, link.url, { quiet: true, maxLinks: 1 })).filter((b) => b.storyId);
    if (!brief) return;
    const [m] = renderSlack(brief.reply);
    const unfurls = { [link.url]: { blocks: (m?.blocks ?? []).slice(0, UNFURL_BLOCKS) } };
    if (e.source === "composer" && e.unfurl_id) {
      // Not posted yet: there is no message (and no thread) to remember.
      await client.chat.unfurl({ unfurl_id: e.unfurl_id, source: "composer", unfurls } as Parameters<
        WebClient["chat"]["unfurl"]
      >[0]);
      return;
    }
    await services.threads.remember(tenant, e.channel, e.message_ts, [brief.storyId!], "autolink");
    await client.chat.unfurl({ channel: e.channel, ts: e.message_ts, unfurls } as Parameters<
      WebClient["chat"]["unfurl"]
    >[0]);
  }

  /** Auto-brief: only in channels that opted in, under the hourly limit, only readable articles. */
  async function autoBrief(client: WebClient, teamId: string, e: ChatEvent): Promise<void> {
    const tenant = `slack:${teamId}`;
    const settings = await services.threads.autolinks(tenant, e.channel);
    if (!settings.on) return;
    // A link on an unfurl domain is answered by its unfurl (link_shared), not a thread reply too.
    const first = linksIn(e.text ?? "")[0];
    if (first && settings.unfurlDomains.includes(domainOf(first))) return;
    if ((await services.threads.autolinksLastHour(tenant, e.channel)) >= deps.autolinksPerHour) {
      log.info({ channel: e.channel }, "slack: auto-brief skipped, channel at its hourly limit");
      return;
    }
    const ctx = deps.contextFor(teamId, e.channel, e.user ?? "", false);
    // One reply per message: its first link, when it reads as an article (else no reply at all).
    const [brief] = (await briefLinks(ctx, e.text ?? "", { quiet: true, maxLinks: 1 })).filter(
      (b) => b.storyId,
    );
    if (!brief) return;
    await services.threads.remember(tenant, e.channel, e.ts, [brief.storyId!], "autolink");
    await post(client, e, e.ts, [brief.reply]);
  }
}

/** A preview stays a preview: the title, the intro and the first key points. */
const UNFURL_BLOCKS = 8;

/** "https://www.Example.com/a" → "example.com", as unfurl domains are kept. */
function domainOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return "";
  }
}
