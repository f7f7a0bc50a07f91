import { TOP_LEVEL_COMMAND } from "../../../commands/command-form.js";
import type { CommandDefinition } from "../../../commands/types.js";
import { usageOf } from "../../../commands/types.js";

/**
 * The bot scopes, for the manifest and for the OAuth install URL alike, so a workspace that
 * installs through /slack/install gets the same scopes as one set up from manifest.json. No
 * more than the bot uses: chat:write.public posts digests in public channels it has not joined;
 * users:read and usergroups:read tell workspace admins and ADMIN_ROLE members from others;
 * channels:history and groups:history (public and private channels) let a digest interrupted by
 * a crash be looked up in the channel before it is posted again (src/platforms/slack/digest-post.ts).
 * The same two history scopes deliver the message.channels / message.groups events: replies in a
 * thread the bot posted a brief or digest in, and links posted in channels with autolinks on
 * (src/platforms/slack/messages.ts); app_mentions:read delivers `@Newsdesk …` (app_mention);
 * links:read / links:write deliver link_shared and allow chat.unfurl for the domains a channel
 * asked to unfurl (they must also be listed as the app's unfurl domains in its settings).
 * files:read lets `/feeds import <link of a shared file>` read an OPML file shared in Slack.
 * im:write opens the DM a `/digest me` digest goes to, and im:history looks for an interrupted one
 * there as channels:history does in channels. It never lists channels, so it asks for no
 * channels:read or groups:read.
 */
export const SLACK_BOT_SCOPES: readonly string[] = [
  "commands",
  "chat:write",
  "chat:write.public",
  "users:read",
  "usergroups:read",
  "channels:history",
  "groups:history",
  "app_mentions:read",
  "links:read",
  "links:write",
  "files:read",
  "im:write",
  "im:history",
];

/** The message shortcut's callback id (src/platforms/slack/shortcut.ts answers it). */
export const SUMMARISE_SHORTCUT_ID = "newsdesk_summarise";

export const SLACK_MESSAGE_SHORTCUT = {
  name: "Summarise with Newsdesk",
  type: "message",
  callback_id: SUMMARISE_SHORTCUT_ID,
  description: "Brief the links in this message, privately or in its thread",
} as const;

/**
 * The bot events the app subscribes to: uninstalls (forgetRemovedWorkspaces in installations.ts),
 * mentions, and messages in public and private channels the bot is in (thread follow-ups, autolinks).
 */
export const SLACK_BOT_EVENTS: readonly string[] = [
  "app_uninstalled",
  "tokens_revoked",
  "app_mention",
  "message.channels",
  "message.groups",
  "link_shared",
];

export interface SlackManifestOptions {
  /**
   * Also register each command under its own name (`/who`, `/summary`, …), as
   * SLACK_COMMAND_ALIASES=true expects. Off by default: slash command names are shared by every
   * app in a workspace, so `/newsdesk …` alone cannot collide with another app's `/summary`.
   */
  aliases?: boolean;
}

/**
 * Slack app manifest (https://api.slack.com/reference/manifests) generated from the registry,
 * committed as manifest.json (only `/newsdesk`) and manifest.aliases.json (every command under its
 * own name as well) so a user creates the app in one step ("From a manifest").
 * Socket Mode is on because it is the default transport; for HTTP mode, turn it off and set
 * each command's URL, the interactivity URL and the event request URL to
 * https://<host>/slack/events.
 */
export function slackManifest(
  registry: readonly CommandDefinition[],
  options: SlackManifestOptions = {},
): Record<string, unknown> {
  const top = registry.find((def) => def.name === TOP_LEVEL_COMMAND);
  const others = registry.filter((def) => def !== top);
  const topLevel = {
    command: `/${TOP_LEVEL_COMMAND}`,
    description: "Newsdesk: summaries, who said what, questions, feeds and digests".slice(0, 100),
    usage_hint: [...others.map((def) => def.name), "help"].join(" | ").slice(0, 1000),
    should_escape: false,
  };
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: "Newsdesk",
      description: "Key points, who said what, open questions and scheduled digests of the news.",
      background_color: "#1d3557",
    },
    features: {
      bot_user: { display_name: "Newsdesk", always_online: true },
      slash_commands: [
        ...(options.aliases
          ? others.map((def) => ({
              command: `/${def.name}`,
              description: def.description.slice(0, 100),
              usage_hint: usageHint(def).slice(0, 1000),
              should_escape: false,
            }))
          : []),
        topLevel,
      ],
      // "Summarise with Newsdesk" in a message's ⋯ menu (src/platforms/slack/shortcut.ts).
      shortcuts: [{ ...SLACK_MESSAGE_SHORTCUT }],
    },
    oauth_config: {
      scopes: {
        bot: [...SLACK_BOT_SCOPES],
      },
    },
    settings: {
      // Uninstalls and revoked bot tokens (no scope needed), so a workspace's installation is
      // deleted when it is gone; mentions and channel messages (scopes above) for conversations.
      event_subscriptions: { bot_events: [...SLACK_BOT_EVENTS] },
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    },
  };
}

function usageHint(def: CommandDefinition): string {
  if (def.kind === "leaf") return usageOf(def.name, def).replace(`/${def.name}`, "").trim();
  return def.subcommands.map((s) => s.name).join(" | ");
}
