import { alertToReply } from "../digest/alert-reply.js";
import type { AlertMessage, AlertPostContext, AlertPoster } from "../digest/alert-types.js";
import type { FeedNotice, FeedNoticePoster } from "../digest/feed-notices.js";
import { digestToReply } from "../digest/reply.js";
import { type Digest, type DigestPostContext, DigestPostError, type DigestPoster } from "../digest/types.js";
import { type PrintReceipts, printOnce } from "../platforms/console/receipts.js";
import type { DiscordAdapter } from "../platforms/discord/discord.js";
import type { SlackAdapter } from "../platforms/slack/slack.js";
import { notifyTarget } from "../render/mention.js";
import { renderText } from "../render/text.js";
import { dmUserOf } from "../store/repo-dm-digest.js";
import type { Store } from "../store/types.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";

export interface PlatformPoster extends DigestPoster, AlertPoster, FeedNoticePoster {
  attach(platforms: {
    discord?: DiscordAdapter;
    slack?: SlackAdapter;
    console?: (text: string) => void;
    /** What the console printed, so a resumed run is printed only if it was not (ADR 0024). */
    consoleReceipts?: PrintReceipts;
  }): void;
}

/** Discord JSON error codes that mean the channel will not take posts until someone acts. */
const DISCORD_PERMANENT = new Set([10003, 50001, 50013, 50007]);
/** Slack error strings with the same meaning. */
const SLACK_PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
  "invalid_auth",
  "token_revoked",
  "missing_scope",
  // Ours: the workspace removed the app (its installation was deleted on app_uninstalled).
  "not_installed",
  // A DM digest's user is gone or cannot be written to.
  "user_not_found",
  "user_disabled",
  "cannot_dm_bot",
]);

/**
 * Posts each digest on the platform its tenant lives on. A deleted channel, a removed bot or a
 * missing permission becomes a permanent DigestPostError (the digest layer pauses the schedule
 * and keeps the reason for /digest show); rate limits and outages are retried.
 */
export function createPlatformPoster(store: Store, logger: Logger, metrics?: Metrics): PlatformPoster {
  let platforms: Parameters<PlatformPoster["attach"]>[0] = {};
  return {
    attach(p) {
      platforms = p;
    },
    postAlert,
    /** A plain notice (a feed failing or back): one message, the digest's channel post and nonce. */
    async postNotice(notice: FeedNotice) {
      const tenant = await store.tenants.get(notice.tenantId);
      if (!tenant) return;
      try {
        if (tenant.platform === "discord" && platforms.discord)
          await platforms.discord.postToChannel(notice.channelExternalId, notice.reply, notice.nonce);
        else if (tenant.platform === "slack" && platforms.slack)
          await platforms.slack.postToChannel(tenant.externalId, notice.channelExternalId, notice.reply, {
            nonce: notice.nonce,
          });
        else if (tenant.platform === "console" && platforms.console)
          platforms.console(renderText(notice.reply));
        else logger.warn({ platform: tenant.platform }, "feed notice for a platform that is not running");
      } catch (err) {
        throw classify(err);
      }
    },
    async post(digest: Digest, context: DigestPostContext) {
      // Read once per post (it was read twice): in a storm every statement per digest counts.
      const tenant = await store.tenants.get(digest.tenantId);
      const platform = tenant?.platform ?? "unknown";
      try {
        let parts: string[] = [];
        const posted = await postOnce(digest, context, tenant, (ids) => {
          parts = ids;
        });
        metrics?.digestsPosted.inc({ platform, outcome: "posted" });
        if (platform !== "console")
          await rememberDigestThread(digest, parts.length ? parts : [posted.messageId]);
        return posted;
      } catch (err) {
        const permanent = err instanceof DigestPostError && err.permanent;
        metrics?.digestsPosted.inc({ platform, outcome: permanent ? "failed_permanently" : "failed" });
        throw err;
      }
    },
  };

  /**
   * An alert-mode post (ADR 0025), with the same exactly-once machinery as digests: nonce, lookup
   * when resumed, console receipts. An update replies to the story's first alert; the admin's
   * notify: mention goes only to the platform it was set for.
   */
  /**
   * An alert's (or update's) message knows its story, and a fold's its stories in the order it
   * lists them, so a reply in its thread is about them ("2 more" in a fold: its second story).
   */
  async function postAlert(alert: AlertMessage, context: AlertPostContext): Promise<{ messageId: string }> {
    const posted = await postAlertOnce(alert, context);
    const storyIds = context.storyId ? [context.storyId] : (context.storyIds ?? []);
    if (storyIds.length && !posted.messageId.startsWith("console-")) {
      await store.threads
        .remember(
          alert.tenantId,
          { channel: alert.channelExternalId, thread: posted.messageId },
          storyIds,
          "alert",
        )
        .catch((err) =>
          logger.warn(
            { err: String(err), channel: alert.channelExternalId },
            "could not remember an alert's thread",
          ),
        );
    }
    return posted;
  }

  async function postAlertOnce(
    alert: AlertMessage,
    context: AlertPostContext,
  ): Promise<{ messageId: string }> {
    const tenant = await store.tenants.get(alert.tenantId);
    if (!tenant) throw new DigestPostError(`tenant ${alert.tenantId} no longer exists`, true);
    const reply = alertToReply(alert);
    const notify = notifyTarget(alert.notify);
    const post = {
      nonce: context.nonce,
      ...(context.resumedSince ? { resumedSince: context.resumedSince } : {}),
    };
    try {
      if (tenant.platform === "discord" && platforms.discord) {
        return {
          messageId: await platforms.discord.postAlert(alert.channelExternalId, reply, {
            ...post,
            ...(alert.replyTo ? { replyTo: alert.replyTo } : {}),
            ...(notify?.platform === "discord" ? { mentionRoleId: notify.roleId } : {}),
          }),
        };
      }
      if (tenant.platform === "slack" && platforms.slack) {
        return {
          messageId: await platforms.slack.postAlert(tenant.externalId, alert.channelExternalId, reply, {
            ...post,
            ...(alert.replyTo ? { threadTs: alert.replyTo } : {}),
            ...(notify?.platform === "slack" ? { subteamId: notify.subteamId } : {}),
          }),
        };
      }
      if (tenant.platform === "console" && platforms.console) {
        printOnce(platforms.console, () => renderText(reply), context, platforms.consoleReceipts);
        return { messageId: `console-${context.nonce}` };
      }
    } catch (err) {
      throw classify(err);
    }
    logger.warn({ platform: tenant.platform }, "alert due for a platform that is not running");
    throw new DigestPostError(`${tenant.platform} is not connected`, false, 60_000, true);
  }

  /**
   * The digest message's thread knows its stories, in item order, so a reply ("2 more", "who said
   * …?") is answered about them. The post is already out: a failure here is logged, not retried
   * (retrying would post the digest again).
   */
  async function rememberDigestThread(digest: Digest, messageIds: string[]): Promise<void> {
    if (!digest.items.length) return;
    const storyIds = digest.items.map((i) => i.storyId);
    // Every part: a digest split in two is still one list of items, numbered across its parts.
    await Promise.all(
      messageIds
        .filter(Boolean)
        .map((thread) =>
          store.threads.remember(
            digest.tenantId,
            { channel: digest.channelExternalId, thread },
            storyIds,
            "digest",
          ),
        ),
    ).catch((err) =>
      logger.warn(
        { err: String(err), channel: digest.channelExternalId },
        "could not remember a digest's thread",
      ),
    );
  }

  async function postOnce(
    digest: Digest,
    context: DigestPostContext,
    tenant: Awaited<ReturnType<Store["tenants"]["get"]>>,
    onParts: (ids: string[]) => void,
  ): Promise<{ messageId: string }> {
    {
      if (!tenant) throw new DigestPostError(`tenant ${digest.tenantId} no longer exists`, true);
      const reply = digestToReply(digest, { replies: tenant.platform !== "console" });
      // A `/digest me` subscription: the user's DM channel is opened (or found again) first.
      const dmUser = dmUserOf(digest.channelExternalId);
      try {
        if (tenant.platform === "discord" && platforms.discord) {
          return {
            messageId: await platforms.discord.postToChannel(
              dmUser ? await platforms.discord.openDm(dmUser) : digest.channelExternalId,
              reply,
              context.nonce,
              context.resumedSince,
              onParts,
            ),
          };
        }
        if (tenant.platform === "slack" && platforms.slack) {
          return {
            messageId: await platforms.slack.postToChannel(
              tenant.externalId,
              dmUser ? await platforms.slack.openDm(tenant.externalId, dmUser) : digest.channelExternalId,
              reply,
              {
                nonce: context.nonce,
                ...(context.resumedSince ? { resumedSince: context.resumedSince } : {}),
                onParts,
              },
            ),
          };
        }
        if (tenant.platform === "console" && platforms.console) {
          // Printed output cannot be read back: the receipts say whether a resumed run was printed.
          const text = () => `${dmUser ? `[DM to ${dmUser}]\n` : ""}${renderText(reply)}`;
          printOnce(platforms.console, text, context, platforms.consoleReceipts);
          return { messageId: `console-${context.nonce}` };
        }
      } catch (err) {
        throw classify(err);
      }
      logger.warn({ platform: tenant.platform }, "digest due for a platform that is not running");
      throw new DigestPostError(`${tenant.platform} is not connected`, false, 60_000, true);
    }
  }
}

function classify(err: unknown): DigestPostError {
  const e = err as {
    code?: number | string;
    status?: number;
    data?: { error?: string; retryAfter?: number };
    message?: string;
  };
  const slackError = e.data?.error;
  if (typeof e.code === "number" && DISCORD_PERMANENT.has(e.code)) {
    return new DigestPostError(`Discord refused the post: ${e.message ?? e.code}`, true);
  }
  if (slackError && SLACK_PERMANENT.has(slackError))
    return new DigestPostError(`Slack refused the post: ${slackError}`, true);
  if (e.status === 429 || e.code === "slack_webapi_rate_limited_error") {
    return new DigestPostError("rate limited", false, (e.data?.retryAfter ?? 30) * 1000);
  }
  return new DigestPostError(`post failed: ${e.message ?? String(err)}`);
}
