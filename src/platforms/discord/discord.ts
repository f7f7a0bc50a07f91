import {
  type AutocompleteInteraction,
  type BaseInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
} from "discord.js";
import { executeCommand } from "../../../commands/run.js";
import type { CommandContext, CommandDefinition } from "../../../commands/types.js";
import type { Logger } from "../../app/logger.js";
import { commandHooks, type Metrics } from "../../app/metrics.js";
import type { Services } from "../../app/services.js";
import type { WorkspaceWork } from "../../app/workspace-removal.js";
import type { Config } from "../../config.js";
import { renderDiscord } from "../../render/discord.js";
import { withDiscordRoleMention } from "../../render/mention.js";
import type { Reply } from "../../render/reply.js";
import { truncate } from "../../render/split.js";
import { cleanText } from "../../render/unicode.js";
import { RecentKeys } from "../recent-keys.js";
import { type AckGate, InFlight, type PlatformAdapter } from "../types.js";
import { postDiscordParts } from "./digest-post.js";
import { discordIntents, listenForMentions } from "./mentions.js";
import {
  type MessageCommandDeps,
  onPostHere,
  onSummariseMessage,
  POST_HERE_PREFIX,
  POST_HERE_TTL_MS,
} from "./message-command.js";
import { toOptions } from "./message-options.js";
import { createRoleCheck } from "./roles.js";
import { allShardsReady, globalRequestShare, type ShardHealth, shardHealth, shardOptions } from "./shards.js";

export type DiscordConfig = Pick<
  Config,
  | "DISCORD_TOKEN"
  | "DISCORD_APP_ID"
  | "DISCORD_API_URL"
  | "ADMIN_ROLE"
  | "MAX_TEXT_BYTES"
  | "DISCORD_MESSAGE_CONTENT"
  | "AUTOLINKS_PER_HOUR"
> &
  Partial<Pick<Config, "DISCORD_SHARDS" | "DISCORD_REQUESTS_PER_SECOND">>;

export interface DiscordAdapterOptions {
  config: DiscordConfig;
  services: Services;
  registry: readonly CommandDefinition[];
  metrics: Metrics;
  logger: Logger;
  /** Shared with the other platforms: command work waits until pending acks have been sent. */
  ackGate?: AckGate;
  /** What a server removing or adding the bot changes in the store; absent without one. */
  guilds?: GuildLifecycle;
  /** The store's delivery keys (a used "Post here"); without a store, this process remembers them. */
  claimOnce?: (key: string, ttlMs: number) => Promise<boolean>;
}

/** A server removed the bot (kicked, or the server was deleted) or added it (again). */
export interface GuildLifecycle {
  removed(guildId: string): Promise<WorkspaceWork>;
  added(guildId: string): Promise<WorkspaceWork>;
}

export interface DiscordAdapter extends PlatformAdapter {
  /**
   * Posts to a channel (digests): `nonce` + enforce_nonce make a quick retry land once; with
   * `resumedSince` (an earlier attempt may have posted) the channel is read first and only the
   * parts not found are posted.
   */
  postToChannel(
    channelId: string,
    reply: Reply,
    nonce?: string,
    resumedSince?: string,
    /** Told every part's message id. */
    onParts?: (ids: string[]) => void,
  ): Promise<string>;
  /** The DM channel with a user (`POST /users/@me/channels`), for digests in their DMs. */
  openDm(userId: string): Promise<string>;
  /**
   * Posts an alert like a digest (nonce, lookup when resumed); an update replies to the story's
   * first alert, and `mentionRoleId` (an admin's notify: setting) is the only mention allowed.
   */
  postAlert(
    channelId: string,
    reply: Reply,
    post: { nonce: string; resumedSince?: string; replyTo?: string; mentionRoleId?: string },
  ): Promise<string>;
  readonly client: Client;
  /** The gateway shards this process runs and their state (for /healthz). */
  shards(): { shardCount: number; shards: ShardHealth[] };
}

/** View Channel + Send Messages + Embed Links: all the bot needs in a channel. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

export function inviteUrl(appId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${appId}&scope=bot%20applications.commands&permissions=${BOT_PERMISSIONS}`;
}

/**
 * Discord via discord.js v14 on the gateway: commands arrive as interactions; mentions and replies
 * as messages (mentions.ts, which says which intents and why; no Message Content unless opted in). Each command is deferred before any work, then the
 * deferred reply is edited; nothing it sends can mention anyone (allowed_mentions parse []).
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { config, services, registry, metrics, logger, ackGate, guilds } = options;
  const log = logger.child({ platform: "discord" });
  const client = new Client({
    intents: discordIntents(config),
    allowedMentions: { parse: [] },
    ...shardOptions(config.DISCORD_SHARDS),
    rest: {
      ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
      globalRequestsPerSecond: globalRequestShare(
        config.DISCORD_REQUESTS_PER_SECOND ?? 50,
        config.DISCORD_SHARDS,
      ),
    },
  });
  const inFlight = new InFlight();
  const hooks = commandHooks(metrics, log, "discord");
  const isAdminRole = createRoleCheck(client, config.ADMIN_ROLE);

  const contextFor = async (interaction: BaseInteraction): Promise<CommandContext> => ({
    platform: "discord",
    tenant: `discord:${interaction.guildId ?? `dm-${interaction.user.id}`}`,
    channelId: interaction.channelId ?? "",
    userId: interaction.user.id,
    isAdmin:
      !!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ||
      (await isAdminRole(interaction.guildId, memberRoles(interaction))),
    services,
    allowLocalFiles: false,
    maxTextBytes: config.MAX_TEXT_BYTES,
  });

  /** `acked` releases the interaction's hold on the AckGate once its ack has been sent (or failed). */
  async function onCommand(interaction: ChatInputCommandInteraction, acked: () => void): Promise<void> {
    const received = performance.now();
    if (!inFlight.accepting) {
      await interaction.reply({
        content: "Newsdesk is restarting; please try again in a minute.",
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    // Acknowledge within Discord's 3 s before doing anything that could be slow.
    await interaction.deferReply().finally(acked);
    metrics.ackLatency.observe({ platform: "discord" }, (performance.now() - received) / 1000);
    // Let every interaction still waiting for its deferral be acknowledged before this one's work
    // (store writes, analysis: synchronous) holds the event loop: under a burst, acks stay fast.
    await ackGate?.clear();
    const options: Record<string, string | number | boolean | undefined> = {};
    for (const o of interaction.options.data.flatMap((d) => (d.options ? d.options : [d]))) {
      // An attachment option's value is the attachment's id; the handler gets its CDN URL.
      if (o.attachment) options[o.name] = o.attachment.url;
      else if (o.value !== undefined) options[o.name] = o.value;
    }
    const reply = await executeCommand(
      await contextFor(interaction),
      registry,
      {
        command: interaction.commandName,
        subcommand: interaction.options.getSubcommand(false) ?? undefined,
        options,
      },
      hooks,
    );
    const [first, ...rest] = renderDiscord(reply);
    // A file (an export) goes with the first message, untouched by the renderer.
    const files = reply.attachment
      ? {
          files: [
            { attachment: Buffer.from(reply.attachment.content, "utf8"), name: reply.attachment.filename },
          ],
        }
      : {};
    if (reply.ephemeral) {
      // The deferred reply is public; an error belongs to the asker only, so swap it.
      await interaction.deleteReply().catch(() => {});
      for (const [i, m] of [first!, ...rest].entries())
        await interaction.followUp({
          ...toOptions(m),
          ...(i === 0 ? files : {}),
          flags: MessageFlags.Ephemeral,
        });
      return;
    }
    await interaction.editReply({ ...toOptions(first!), ...files });
    for (const m of rest) await interaction.followUp(toOptions(m));
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused();
    const tenant = `discord:${interaction.guildId ?? `dm-${interaction.user.id}`}`;
    const stories = await services.stories.search(tenant, String(focused), 25).catch(() => []);
    await interaction.respond(
      // Discord caps choice names and values at 100 characters.
      stories.slice(0, 25).map((s) => ({
        // Choice names are shown as plain text, but bidi overrides in a title still reorder them.
        name: truncate(`${cleanText(s.title || "Untitled")} (${s.id})`, 100),
        value: s.id.slice(0, 100),
      })),
    );
  }

  const usedHere = new RecentKeys(10_000, POST_HERE_TTL_MS);
  const messageDeps: MessageCommandDeps = {
    contextFor,
    claimOnce: async (key) =>
      options.claimOnce ? options.claimOnce(key, POST_HERE_TTL_MS) : usedHere.add(key),
    ackGate,
    hooks,
    log,
  };
  const isPostHere = (i: BaseInteraction) => i.isButton() && i.customId.startsWith(POST_HERE_PREFIX);

  client.on(Events.InteractionCreate, (interaction) => {
    // Counted from its arrival until its ack (deferral, reply or autocomplete choices) has been
    // sent, so earlier commands' work waits for it; released at the latest when the handler ends.
    const ours =
      interaction.isChatInputCommand() ||
      interaction.isAutocomplete() ||
      interaction.isMessageContextMenuCommand() ||
      isPostHere(interaction);
    const acked = ours && ackGate ? ackGate.hold() : () => {};
    const work = interaction.isChatInputCommand()
      ? onCommand(interaction, acked)
      : interaction.isAutocomplete()
        ? onAutocomplete(interaction)
        : interaction.isMessageContextMenuCommand()
          ? onSummariseMessage(interaction, acked, messageDeps)
          : interaction.isButton() && isPostHere(interaction)
            ? onPostHere(interaction, acked, messageDeps)
            : Promise.resolve();
    void inFlight
      .track(work.finally(acked))
      .catch((err) => log.warn({ err: String(err) }, "interaction failed"));
  });
  listenForMentions(client, {
    services,
    registry,
    hooks,
    inFlight,
    log,
    pause: async () => ackGate?.clear(),
    maxTextBytes: config.MAX_TEXT_BYTES,
    autolinksPerHour: config.AUTOLINKS_PER_HOUR,
  });
  client.on(Events.Error, (err) => log.error({ err: String(err) }, "discord client error"));

  // discord.js emits GuildDelete only when the bot is out of the server (an outage is
  // GuildUnavailable) and GuildCreate only for a server joined while connected. The servers it is
  // in at start-up (and after an outage) arrive as GuildAvailable: resuming there too restarts a
  // server that removed the bot and invited it back while Newsdesk was down. Resuming restarts
  // only what a removal stopped, so for every other server it changes nothing and logs nothing.
  if (guilds) {
    const onGuild = (change: "removed" | "added", guildId: string, quiet = false) =>
      void inFlight
        .track(guilds[change](guildId))
        .then((work) => {
          // Nothing changed (the server never used Newsdesk, or had nothing running): no claim.
          const changed = work.feeds + work.schedules > 0;
          if (quiet && !changed) return;
          const what = !changed
            ? ""
            : change === "removed"
              ? "; feeds and digests paused"
              : "; feeds and digests resumed";
          log.info({ guildId, ...work }, `discord: server ${change} the bot${what}`);
        })
        .catch((err) => log.error({ guildId, err: String(err) }, `discord: server ${change} the bot`));
    client.on(Events.GuildDelete, (guild) => onGuild("removed", guild.id));
    client.on(Events.GuildCreate, (guild) => onGuild("added", guild.id));
    client.on(Events.GuildAvailable, (guild) => onGuild("added", guild.id, true));
  }

  return {
    name: "discord",
    client,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(config.DISCORD_TOKEN);
      await ready;
      const { shardCount, shards } = shardHealth(client);
      log.info(
        {
          user: client.user?.tag,
          guilds: client.guilds.cache.size,
          shards: shards.map((s) => s.id),
          shardCount,
        },
        "discord: ready",
      );
      if (client.guilds.cache.size === 0 && config.DISCORD_APP_ID) {
        log.info(
          { inviteUrl: inviteUrl(config.DISCORD_APP_ID) },
          "discord: the bot is in no server yet; invite it with this URL",
        );
      }
    },
    async stop() {
      await inFlight.drain(10_000);
      await client.destroy();
    },
    connected: () => allShardsReady(client),
    shards: () => shardHealth(client),
    async openDm(userId) {
      const dm = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
        id: string;
      };
      return dm.id;
    },
    async postToChannel(channelId, reply, nonce, resumedSince, onParts) {
      const parts = renderDiscord({ ...reply, ephemeral: false });
      return postDiscordParts(client.rest, {
        channelId,
        botId: client.user?.id,
        parts,
        nonce,
        resumedSince,
        onParts,
      });
    },
    async postAlert(channelId, reply, post) {
      const rendered = renderDiscord({ ...reply, ephemeral: false });
      const parts = post.mentionRoleId ? withDiscordRoleMention(rendered, post.mentionRoleId) : rendered;
      return postDiscordParts(client.rest, {
        channelId,
        botId: client.user?.id,
        parts,
        nonce: post.nonce,
        ...(post.resumedSince ? { resumedSince: post.resumedSince } : {}),
        ...(post.replyTo ? { replyTo: post.replyTo } : {}),
      });
    },
  };
}

function memberRoles(interaction: BaseInteraction): string[] {
  const roles = interaction.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}
