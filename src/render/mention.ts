import type { DiscordMessage } from "./discord.js";
import type { SlackMessage } from "./slack.js";

/**
 * The one mention Newsdesk ever sends: the role (Discord) or user group (Slack) an admin set with
 * `notify:` on an alert-mode feed. Everything else stays neutralised by the escapers; this is
 * added after rendering, as its own line, and on Discord `allowed_mentions` names exactly that
 * role, so even a mention that slipped into article text could not ping anyone else.
 */
export type NotifyTarget = { platform: "discord"; roleId: string } | { platform: "slack"; subteamId: string };

const DISCORD_ROLE = /^\d{15,21}$/;
const SLACK_SUBTEAM = /^S[A-Z0-9]{6,20}$/;

/** The stored setting (`discord-role:<id>`, `slack-subteam:<id>`) as a target; undefined when malformed. */
export function notifyTarget(setting: string | undefined | null): NotifyTarget | undefined {
  if (!setting) return undefined;
  const [kind, id = ""] = setting.split(":", 2);
  if (kind === "discord-role" && DISCORD_ROLE.test(id)) return { platform: "discord", roleId: id };
  if (kind === "slack-subteam" && SLACK_SUBTEAM.test(id)) return { platform: "slack", subteamId: id };
  return undefined;
}

/**
 * What an admin typed for `notify:` as the stored setting: on Discord a role mention (`<@&123…>`,
 * what the client inserts for @role) or its id; on Slack a user group (`<!subteam^S0…>` or its id
 * `S0…`). `none` clears (null). Undefined when it cannot be read.
 */
export function parseNotify(platform: string, typed: string): string | null | undefined {
  const t = typed.trim();
  if (/^(none|off|clear)$/i.test(t)) return null;
  if (platform === "discord") {
    const id = /^<@&(\d+)>$/.exec(t)?.[1] ?? t;
    return DISCORD_ROLE.test(id) ? `discord-role:${id}` : undefined;
  }
  if (platform === "slack") {
    const id = /^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(t)?.[1] ?? t;
    return SLACK_SUBTEAM.test(id) ? `slack-subteam:${id}` : undefined;
  }
  return undefined;
}

/** The first message of a Discord post with the role mention; allowed_mentions pings exactly that role. */
export function withDiscordRoleMention(messages: DiscordMessage[], roleId: string): DiscordMessage[] {
  if (!DISCORD_ROLE.test(roleId)) return messages;
  return messages.map((m, i) =>
    i === 0
      ? {
          ...m,
          content: m.content ? `<@&${roleId}>\n${m.content}` : `<@&${roleId}>`,
          allowed_mentions: { parse: [], roles: [roleId] },
        }
      : m,
  );
}

/** The first message of a Slack post with the user group mention (text and a first block). */
export function withSlackGroupMention(messages: SlackMessage[], subteamId: string): SlackMessage[] {
  if (!SLACK_SUBTEAM.test(subteamId)) return messages;
  const mention = `<!subteam^${subteamId}>`;
  return messages.map((m, i) =>
    i === 0
      ? {
          ...m,
          text: `${mention} ${m.text}`,
          blocks: [{ type: "section", text: { type: "mrkdwn", text: mention, verbatim: true } }, ...m.blocks],
        }
      : m,
  );
}
