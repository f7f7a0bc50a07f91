import { type FeedInfo, type FollowOptions, UserFacingError } from "../src/app/services.js";
import { parseNotify } from "../src/render/mention.js";
import type { CommandContext, OptionSpec } from "./types.js";

/** `mode:alert|digest`, `backfill:3` and `notify:@role`, shared by /feeds add, /feeds mode and /feeds import. */
export const MODE_OPTION = {
  name: "mode",
  description: "digest (default: new stories wait for the digest) or alert (each is posted as it arrives)",
  type: "string",
  maxLength: 10,
  namedOnly: true,
} as const satisfies OptionSpec;

export const BACKFILL_OPTION = {
  name: "backfill",
  description: "Alert mode: post this many of the newest items now (default 0: the first read posts nothing)",
  type: "integer",
  min: 0,
  max: 10,
  namedOnly: true,
} as const satisfies OptionSpec;

export const NOTIFY_OPTION = {
  name: "notify",
  description: "Alert mode: the role (Discord @role) or user group ID (Slack S0…) to ping; none to stop",
  type: "string",
  maxLength: 100,
  namedOnly: true,
} as const satisfies OptionSpec;

const EXAMPLE = "Example: /feeds add https://example.com/feed.xml mode:alert backfill:3";

/** The typed options as FollowOptions, or a private error naming what was not understood. */
export function followOptions(
  ctx: CommandContext,
  args: { mode?: string; backfill?: number; notify?: string },
): FollowOptions {
  const out: FollowOptions = {};
  if (args.mode !== undefined) {
    const mode = args.mode.trim().toLowerCase();
    if (mode !== "alert" && mode !== "digest")
      throw new UserFacingError(`mode must be alert or digest, not "${args.mode}".`, EXAMPLE);
    out.mode = mode;
  }
  if (args.backfill !== undefined) out.backfill = args.backfill;
  if (args.notify !== undefined) {
    const notify = parseNotify(ctx.platform, args.notify);
    if (notify === undefined)
      throw new UserFacingError(
        ctx.platform === "slack"
          ? `notify must be a user group ID (S0…) or <!subteam^S0…>, not "${args.notify}".`
          : ctx.platform === "discord"
            ? `notify must be a role (type @ and pick it) or its ID, not "${args.notify}".`
            : "notify works on Discord and Slack only.",
        ctx.platform === "slack"
          ? "Find the ID under the user group's profile → Copy group ID. Example: notify:S0614TZR7"
          : "Example: /feeds mode https://example.com/feed.xml alert notify:@newsroom",
      );
    out.notify = notify;
  }
  if ((out.backfill || out.notify) && out.mode === "digest")
    throw new UserFacingError("backfill and notify apply to alert mode only.", EXAMPLE);
  return out;
}

/** One sentence saying how the channel now follows the feed. */
export function modeSentence(feed: FeedInfo): string {
  if (feed.mode !== "alert") return "New stories wait for this channel's digest (/digest set).";
  const ping = feed.notify ? ` Each alert pings ${notifyLabel(feed.notify)}.` : "";
  const first = feed.backfill
    ? ` The first read posts its ${feed.backfill} newest item${feed.backfill === 1 ? "" : "s"}; older ones are marked seen.`
    : "";
  return `Alert mode: each new story is posted here as it arrives, an update when it changes; bursts past the hourly limit are folded into one message.${first}${ping}`;
}

/** How a stored notify setting reads in a reply (no mention: the confirmation must not ping). */
export function notifyLabel(setting: string): string {
  const [kind, id] = setting.split(":", 2);
  return kind === "discord-role"
    ? `the role ${id}`
    : kind === "slack-subteam"
      ? `the user group ${id}`
      : setting;
}
