import { type Client, Events, GatewayIntentBits, type Message } from "discord.js";
import type { ExecuteHooks } from "../../../commands/run.js";
import type { CommandContext, CommandDefinition } from "../../../commands/types.js";
import { answerMessage } from "../../app/conversation/answer.js";
import { looksLikeFollowUp } from "../../app/conversation/follow-up.js";
import { linksIn } from "../../app/conversation/message-text.js";
import { briefLinks } from "../../app/services/link-briefs.js";
import type { Services } from "../../app/services.js";
import type { Config } from "../../config.js";
import { renderDiscord } from "../../render/discord.js";
import type { Reply } from "../../render/reply.js";
import { type ConversationReplyDeps, startConversationReply } from "../conversation-reply.js";

/**
 * The gateway intents: Guilds (slash commands, servers joining and leaving) and GuildMessages
 * (MESSAGE_CREATE in servers: mentions, replies), neither privileged. Discord delivers the
 * content of a message only when it mentions the bot (a reply that pings the bot counts) unless
 * the privileged Message Content intent is granted: it is asked for only with
 * DISCORD_MESSAGE_CONTENT=true, which auto-briefs of links in messages that do not mention the
 * bot need (it must be enabled in the Developer Portal too, and verified for 100+ servers).
 */
export function discordIntents(config: Pick<Config, "DISCORD_MESSAGE_CONTENT">): GatewayIntentBits[] {
  return [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    ...(config.DISCORD_MESSAGE_CONTENT ? [GatewayIntentBits.MessageContent] : []),
  ];
}

/** `pause`: work waits for interactions still awaiting their ack (the AckGate). */
export interface DiscordConversationDeps extends ConversationReplyDeps {
  services: Services;
  registry: readonly CommandDefinition[];
  hooks: ExecuteHooks;
  maxTextBytes: number;
  autolinksPerHour: number;
}

/**
 * Conversations on Discord (issue 15): `@Newsdesk <link>` is answered with the brief as a reply
 * to the message (message_reference); `@Newsdesk <question>` replying to a brief or a digest, or
 * inside a thread started from one, is answered about that story first. With the Message Content
 * intent, channels with autolinks on get a reply with the brief of a posted article link, and a
 * plain follow-up replying to a brief is answered too. Bots (Newsdesk included) and webhooks are
 * never answered; nothing sent can ping anyone.
 */
export function listenForMentions(client: Client, deps: DiscordConversationDeps): void {
  const { services, log } = deps;

  const contextFor = (message: Message): CommandContext => ({
    platform: "discord",
    tenant: tenantOf(message),
    channelId: message.channelId,
    userId: message.author.id,
    isAdmin: false,
    services,
    allowLocalFiles: false,
    maxTextBytes: deps.maxTextBytes,
  });

  /** The stories of the brief or digest this message replies to, or of the thread it is in. */
  async function threadStories(message: Message): Promise<string[]> {
    const tenant = tenantOf(message);
    const referenced = message.reference?.messageId;
    if (referenced) {
      const stories = await services.threads.storiesOf(tenant, message.channelId, referenced);
      if (stories.length) return stories;
    }
    const channel = message.channel;
    // A thread started from a message has that message's id.
    if (channel.isThread() && channel.parentId)
      return services.threads.storiesOf(tenant, channel.parentId, channel.id);
    return [];
  }

  async function reply(message: Message, replies: Reply[]): Promise<string[]> {
    const ids: string[] = [];
    for (const r of replies) {
      for (const m of renderDiscord({ ...r, ephemeral: false })) {
        const sent = await message.reply({
          embeds: m.embeds,
          ...(m.content ? { content: m.content } : {}),
          allowedMentions: { parse: [], repliedUser: false },
        });
        ids.push(sent.id);
      }
    }
    return ids;
  }

  /** Remembers the stories under the asker's message and every reply of the bot's, so replying to either works. */
  async function remember(
    message: Message,
    messageIds: string[],
    storyIds: string[],
    origin: "mention" | "autolink",
  ) {
    if (!storyIds.length) return;
    for (const id of [message.id, ...messageIds])
      await services.threads.remember(tenantOf(message), message.channelId, id, storyIds, origin);
  }

  async function converse(message: Message): Promise<void> {
    // The first sign of an answer, at once: the brief itself may take the /add budget.
    if ("sendTyping" in message.channel) await message.channel.sendTyping().catch(() => {});
    const ctx = contextFor(message);
    const answer = await answerMessage(
      ctx,
      deps.registry,
      { text: message.content, threadStories: await threadStories(message) },
      deps.hooks,
    );
    const ids = await reply(message, answer.replies);
    await remember(message, ids, answer.briefed, "mention");
  }

  async function autoBrief(message: Message): Promise<void> {
    const tenant = tenantOf(message);
    if (!(await services.threads.autolinks(tenant, message.channelId)).on) return;
    if ((await services.threads.autolinksLastHour(tenant, message.channelId)) >= deps.autolinksPerHour) {
      log.info({ channelId: message.channelId }, "discord: auto-brief skipped, channel at its hourly limit");
      return;
    }
    const [brief] = (
      await briefLinks(contextFor(message), message.content, { quiet: true, maxLinks: 1 })
    ).filter((b) => b.storyId);
    if (!brief) return;
    const ids = await reply(message, [brief.reply]);
    await remember(message, ids, [brief.storyId!], "autolink");
  }

  client.on(Events.MessageCreate, (message) => {
    const me = client.user?.id;
    if (!me || message.author.bot || message.webhookId || message.system || !message.inGuild()) return;
    const mentioned = message.mentions.users.has(me);
    const work = mentioned
      ? () => converse(message)
      : // Without the Message Content intent, content is empty here: nothing to read.
        message.content && linksIn(message.content).length && !message.reference
        ? () => autoBrief(message)
        : message.content && message.reference && looksLikeFollowUp(message.content)
          ? async () => {
              if ((await threadStories(message)).length) await converse(message);
            }
          : undefined;
    if (!work) return;
    startConversationReply(deps, "discord", work);
  });
}

const tenantOf = (message: Message) => `discord:${message.guildId ?? `dm-${message.author.id}`}`;
