import { type ButtonInteraction, type MessageContextMenuCommandInteraction, MessageFlags } from "discord.js";
import {
  briefLinksInText,
  linkBriefsReply,
  packStoryIds,
  storiesReply,
  unpackStoryIds,
} from "../../../commands/brief-links.js";
import type { ExecuteHooks } from "../../../commands/run.js";
import type { CommandContext } from "../../../commands/types.js";
import type { Logger } from "../../app/logger.js";
import { renderDiscord } from "../../render/discord.js";
import { errorReply, type Reply } from "../../render/reply.js";
import type { AckGate } from "../types.js";
import { toOptions } from "./message-options.js";

/** The "Post here" button's custom_id starts with this; the story ids follow, packed. */
export const POST_HERE_PREFIX = "nd_post:";

export interface MessageCommandDeps {
  contextFor(interaction: MessageContextMenuCommandInteraction | ButtonInteraction): Promise<CommandContext>;
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
  const started = performance.now();
  let reply: Reply;
  let storyIds: string[] = [];
  try {
    const { links, total } = await briefLinksInText(ctx, interaction.targetMessage.content ?? "", (err) =>
      deps.hooks.onError?.(err, { command: "summarise (message)", options: {} }),
    );
    storyIds = links.flatMap((l) => ("story" in l ? [l.story.id] : []));
    reply = linkBriefsReply(links, total);
  } catch (err) {
    deps.hooks.onError?.(err, { command: "summarise (message)", options: {} });
    reply = errorReply("Something went wrong while reading that message's links.", "Try again in a moment.");
  }
  deps.hooks.onDone?.(
    "summarise (message)",
    reply.tone === "error" ? "user_error" : "ok",
    performance.now() - started,
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

/** The "Post here" button: the same brief, for everyone in the channel, rebuilt from the stories. */
export async function onPostHere(
  interaction: ButtonInteraction,
  acked: () => void,
  deps: MessageCommandDeps,
): Promise<void> {
  await interaction.deferReply().finally(acked);
  await deps.ackGate?.clear();
  const ctx = await deps.contextFor(interaction);
  const reply = await storiesReply(ctx, unpackStoryIds(interaction.customId.slice(POST_HERE_PREFIX.length)));
  const [first, ...rest] = renderDiscord(reply);
  if (reply.tone === "error") {
    await interaction.deleteReply().catch(() => {});
    for (const m of [first!, ...rest])
      await interaction.followUp({ ...toOptions(m), flags: MessageFlags.Ephemeral });
    return;
  }
  const posted = await interaction.editReply(toOptions(first!));
  for (const m of rest) await interaction.followUp(toOptions(m));
  // A reply to the brief is then answered about these stories (see mentions.ts).
  await ctx.services.threads
    .remember(
      ctx.tenant,
      ctx.channelId,
      posted.id,
      unpackStoryIds(interaction.customId.slice(POST_HERE_PREFIX.length)),
      "shortcut",
    )
    .catch((err) => deps.log.warn({ err: String(err) }, "could not remember the brief's stories"));
}
