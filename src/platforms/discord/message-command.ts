import { type ButtonInteraction, type MessageContextMenuCommandInteraction, MessageFlags } from "discord.js";
import {
  packStoryIds,
  storiesReply,
  summariseMessage,
  unpackStoryIds,
} from "../../../commands/brief-links.js";
import type { ExecuteHooks } from "../../../commands/run.js";
import type { CommandContext } from "../../../commands/types.js";
import type { Logger } from "../../app/logger.js";
import { renderDiscord } from "../../render/discord.js";
import { infoReply } from "../../render/reply.js";
import type { AckGate } from "../types.js";
import { toOptions } from "./message-options.js";

/** The "Post here" button's custom_id starts with this; the story ids follow, packed. */
export const POST_HERE_PREFIX = "nd_post:";

/** How long a used "Post here" is remembered: an ephemeral reply stays on screen until a reload. */
export const POST_HERE_TTL_MS = 24 * 3_600_000;

export interface MessageCommandDeps {
  contextFor(interaction: MessageContextMenuCommandInteraction | ButtonInteraction): Promise<CommandContext>;
  /** Claims a key once (the store's delivery keys: shared by restarts and instances). */
  claimOnce(key: string): Promise<boolean>;
  ackGate?: AckGate;
  hooks: ExecuteHooks;
  log: Logger;
}

/**
 * "Summarise" from a message's Apps menu: deferred privately at once, then the message's links
 * are read as /add reads them and the brief is shown to the user only, with a "Post here" button
 * that posts it in the channel (or thread) for everyone. Message content reaches an app in the
 * interaction itself, so no Message Content intent is needed.
 */
export async function onSummariseMessage(
  interaction: MessageContextMenuCommandInteraction,
  acked: () => void,
  deps: MessageCommandDeps,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral }).finally(acked);
  await deps.ackGate?.clear();
  const ctx = await deps.contextFor(interaction);
  const { reply, storyIds } = await summariseMessage(
    ctx,
    interaction.targetMessage.content ?? "",
    deps.hooks,
  );
  const parts = renderDiscord({ ...reply, ephemeral: true });
  const customId = `${POST_HERE_PREFIX}${packStoryIds(storyIds)}`;
  // Discord allows 100 characters; three packed UUIDs take 76 with the prefix.
  const button =
    storyIds.length && customId.length <= 100
      ? [{ type: 1, components: [{ type: 2, style: 1, label: "Post here", custom_id: customId }] }]
      : [];
  for (const [i, m] of parts.entries()) {
    const options = { ...toOptions(m), ...(i === parts.length - 1 ? { components: button } : {}) };
    if (i === 0) await interaction.editReply(options);
    else await interaction.followUp({ ...options, flags: MessageFlags.Ephemeral });
  }
}

/**
 * The "Post here" button: the same brief, for everyone in the channel, rebuilt from the stories.
 * Answered by updating the private reply to drop the button (so it cannot be clicked again),
 * then posted as a public follow-up. A second click that raced the update (a double click, or
 * a click on another instance) finds the reply's id already claimed and posts nothing.
 */
export async function onPostHere(
  interaction: ButtonInteraction,
  acked: () => void,
  deps: MessageCommandDeps,
): Promise<void> {
  await interaction.update({ components: [] }).finally(acked);
  await deps.ackGate?.clear();
  const first = await deps.claimOnce(`discord:post-here:${interaction.message.id}`).catch((err) => {
    // When the store cannot tell, posting twice beats never posting.
    deps.log.warn({ err: String(err) }, "could not check for a repeated Post here; posting");
    return true;
  });
  if (!first) {
    await interaction.followUp({
      ...toOptions(
        renderDiscord({
          ...infoReply("That brief is already posted here.", "The first click posted it for the channel."),
          ephemeral: true,
        })[0]!,
      ),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  const ctx = await deps.contextFor(interaction);
  const storyIds = unpackStoryIds(interaction.customId.slice(POST_HERE_PREFIX.length));
  const reply = await storiesReply(ctx, storyIds);
  const [head, ...rest] = renderDiscord(reply);
  if (reply.tone === "error") {
    for (const m of [head!, ...rest])
      await interaction.followUp({ ...toOptions(m), flags: MessageFlags.Ephemeral });
    return;
  }
  const posted = await interaction.followUp(toOptions(head!));
  for (const m of rest) await interaction.followUp(toOptions(m));
  // A reply to the brief is then answered about these stories (see mentions.ts).
  await ctx.services.threads
    .remember(ctx.tenant, ctx.channelId, posted.id, storyIds, "shortcut")
    .catch((err) => deps.log.warn({ err: String(err) }, "could not remember the brief's stories"));
}
