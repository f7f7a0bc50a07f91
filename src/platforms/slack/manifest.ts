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
 * It never lists channels, so it asks for no channels:read or groups:read.
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
];

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

/**
 * Slack app manifest (https://api.slack.com/reference/manifests) generated from the registry,
 * committed as manifest.json so a user creates the app in one step ("From a manifest").
 * Socket Mode is on because it is the default transport; for HTTP mode, turn it off and set
 * each command's URL, the interactivity URL and the event request URL to
 * https://<host>/slack/events.
 */
export function slackManifest(registry: readonly CommandDefinition[]): Record<string, unknown> {
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: "Newsdesk",
      description: "Key points, who said what, open questions and scheduled digests of the news.",
      background_color: "#1d3557",
    },
    features: {
      bot_user: { display_name: "Newsdesk", always_online: true },
      slash_commands: registry.map((def) => ({
        command: `/${def.name}`,
        description: def.description.slice(0, 100),
        usage_hint: usageHint(def).slice(0, 1000),
        should_escape: false,
      })),
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
