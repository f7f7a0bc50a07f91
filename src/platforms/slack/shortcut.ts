import type { App, BlockButtonAction, MessageShortcut, webApi } from "@slack/bolt";
import { z } from "zod";
import {
  packStoryIds,
  storiesReply,
  summariseMessage,
  unpackStoryIds,
} from "../../../commands/brief-links.js";
import { replyInCommandForm } from "../../../commands/command-form.js";
import type { ExecuteHooks } from "../../../commands/run.js";
import type { CommandContext } from "../../../commands/types.js";
import type { Logger } from "../../app/logger.js";
import { errorReply, type Reply } from "../../render/reply.js";
import { renderSlack, type SlackMessage } from "../../render/slack.js";
import { deliveryKey } from "./dedupe.js";
import { SUMMARISE_SHORTCUT_ID } from "./manifest.js";

/** The button under the private brief that posts it in the message's thread. */
export const POST_IN_THREAD_ACTION = "newsdesk_post_in_thread";

/** What the button carries: where to post, and which stories (their ids, packed). */
const buttonValue = z.object({ c: z.string().min(1), t: z.string().min(1), s: z.string().min(1) });

type WebClient = webApi.WebClient;

export interface ShortcutDeps {
  contextFor(teamId: string, channelId: string, userId: string): CommandContext;
  /** False for a delivery already handled (a retry or replay). */
  firstDelivery(key: string | undefined): Promise<boolean>;
  /** Runs the work after the ack, tracked for shutdown and behind pending acks. */
  afterAck(work: () => Promise<void>): Promise<void>;
  names: readonly string[];
  /** False while shutting down: the user is told to try again instead of work being started. */
  accepting(): boolean;
  hooks: ExecuteHooks;
  log: Logger;
}

/**
 * "Summarise with Newsdesk" on a message: acknowledged at once, then the links of the message are
 * read as /add reads them and the brief is shown to the user only (ephemeral, through the
 * shortcut's response_url), with a "Post in thread" button that posts the same brief in the
 * message's thread for everyone. Private first, because a brief nobody asked for in a busy thread
 * is noise; one click when it is worth sharing.
 */
export function registerSummariseShortcut(app: App, deps: ShortcutDeps): void {
  const { log } = deps;
  app.shortcut<MessageShortcut>(
    { callback_id: SUMMARISE_SHORTCUT_ID, type: "message_action" },
    async ({ shortcut, ack, respond }) => {
      await ack();
      if (!deps.accepting()) {
        await respond({
          response_type: "ephemeral",
          text: "Newsdesk is restarting; please try again in a minute.",
        }).catch(() => {});
        return;
      }
      await deps.afterAck(async () => {
        if (!(await deps.firstDelivery(deliveryKey(shortcut)))) {
          log.info({ shortcut: SUMMARISE_SHORTCUT_ID }, "duplicate delivery ignored");
          return;
        }
        const ctx = deps.contextFor(tenantOf(shortcut), shortcut.channel.id, shortcut.user.id);
        const briefed = await summariseMessage(ctx, shortcut.message.text ?? "", deps.hooks);
        const { storyIds } = briefed;
        const reply = replyInCommandForm(briefed.reply, deps.names, ctx.commandForm ?? "direct");
        const thread = String(shortcut.message.thread_ts ?? shortcut.message.ts);
        const button = storyIds.length
          ? postInThreadBlock(
              JSON.stringify({ c: shortcut.channel.id, t: thread, s: packStoryIds(storyIds) }),
            )
          : undefined;
        for (const message of privately(reply, button)) {
          await respond(message).catch((err) =>
            log.warn({ err: String(err) }, "could not post the shortcut's reply to response_url"),
          );
        }
      });
    },
  );

  app.action<BlockButtonAction>(POST_IN_THREAD_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    await deps.afterAck(async () => {
      if (!(await deps.firstDelivery(deliveryKey(body)))) {
        log.info({ action: POST_IN_THREAD_ACTION }, "duplicate delivery ignored");
        return;
      }
      let target: z.infer<typeof buttonValue>;
      try {
        target = buttonValue.parse(JSON.parse(action.value ?? ""));
      } catch {
        log.warn("post-in-thread button with an unreadable value");
        return;
      }
      const team =
        body.is_enterprise_install && body.enterprise?.id ? body.enterprise.id : (body.team?.id ?? "");
      const ctx = deps.contextFor(team, target.c, body.user.id);
      const reply = replyInCommandForm(
        await storiesReply(ctx, unpackStoryIds(target.s)),
        deps.names,
        ctx.commandForm ?? "direct",
      );
      if (reply.tone === "error") {
        for (const m of renderSlack(reply)) await respond({ ...m, replace_original: false }).catch(() => {});
        return;
      }
      const posted = await postInThread(client, target.c, target.t, reply);
      // Replies in that thread are then answered about these stories (see messages.ts).
      if (posted === true)
        await ctx.services.threads
          .remember(ctx.tenant, target.c, target.t, unpackStoryIds(target.s), "shortcut")
          .catch((err) => log.warn({ err: String(err) }, "could not remember the thread's stories"));
      // The private copy is replaced: its button has done its work, and a second click would post twice.
      const outcome =
        posted === true
          ? { text: "Posted in the thread.", replace_original: true }
          : {
              ...renderSlack(
                errorReply(
                  `Newsdesk could not post in that thread (${posted}).`,
                  "Invite the bot with /invite @Newsdesk, then press the button again.",
                ),
              )[0]!,
              replace_original: false,
            };
      await respond(outcome).catch((err) =>
        log.warn({ err: String(err) }, "could not update the private brief"),
      );
    });
  });
}

/** True when posted; otherwise Slack's error code (`not_in_channel`, `channel_not_found`, …). */
async function postInThread(client: WebClient, channel: string, threadTs: string, reply: Reply) {
  try {
    for (const m of renderSlack({ ...reply, ephemeral: false })) {
      await client.chat.postMessage({
        channel,
        thread_ts: threadTs,
        text: m.text,
        blocks: m.blocks,
        unfurl_links: false,
      });
    }
    return true;
  } catch (err) {
    return (err as { data?: { error?: string } }).data?.error ?? String(err);
  }
}

function postInThreadBlock(value: string) {
  return {
    type: "actions",
    elements: [
      {
        type: "button",
        action_id: POST_IN_THREAD_ACTION,
        text: { type: "plain_text", text: "Post in thread" },
        value,
      },
    ],
  };
}

/** The reply for the user only, with the button (if any) under its last part, within 50 blocks. */
function privately(
  reply: Reply,
  button: object | undefined,
): (Omit<SlackMessage, "blocks"> & { blocks: object[] })[] {
  const messages: (Omit<SlackMessage, "blocks"> & { blocks: object[] })[] = renderSlack({
    ...reply,
    ephemeral: true,
  });
  if (!button) return messages;
  const last = messages[messages.length - 1]!;
  if (last.blocks.length < 50) last.blocks = [...last.blocks, button];
  else messages.push({ text: "Post in thread", blocks: [button], response_type: "ephemeral" });
  return messages;
}

function tenantOf(shortcut: MessageShortcut): string {
  return shortcut.is_enterprise_install && shortcut.enterprise?.id
    ? shortcut.enterprise.id
    : (shortcut.team?.id ?? "");
}
