import {
  type App,
  type CodedError,
  ErrorCode,
  HTTPModuleFunctions,
  type Installation,
  type InstallationQuery,
  type InstallationStore,
  type ReceiverProcessEventErrorHandlerArgs,
} from "@slack/bolt";
import type { Logger } from "../../app/logger.js";
import {
  pauseRemovedWorkspace,
  resumeReinstalledWorkspace,
  type Workspace,
} from "../../app/workspace-removal.js";
import type { SlackInstallationStore } from "../../store/types.js";

/** Starts the error fetchInstallation throws for a workspace with no installation. */
const NO_INSTALLATION = "no Slack installation for";

/** True for the error fetchInstallation throws when a workspace has no installation. */
export function isNotInstalled(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith(NO_INSTALLATION);
}

/**
 * The workspace an installation (or an uninstall) is for, keyed as commands key their tenant: the
 * enterprise for an org-wide install, else the team.
 */
function slackWorkspace(q: {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}): Workspace | undefined {
  const externalId = q.isEnterpriseInstall && q.enterpriseId ? q.enterpriseId : q.teamId;
  return externalId ? { platform: "slack", externalId, kind: "Slack workspace" } : undefined;
}

/**
 * Bolt's InstallationStore over our store, for multi-workspace (OAuth) installs. Deleting an
 * installation (the workspace removed the app) pauses the workspace's feeds and digests; storing
 * one (an install, a reinstall) restarts what a removal paused. Both are platform-neutral
 * (src/app/workspace-removal.ts) and keep every row.
 */
export function boltInstallationStore(store: SlackInstallationStore): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      await store.save({
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        botToken: installation.bot?.token ?? "",
        botUserId: installation.bot?.userId ?? "",
        installation,
      });
      const workspace = slackWorkspace({
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        isEnterpriseInstall: installation.isEnterpriseInstall,
      });
      if (workspace) await resumeReinstalledWorkspace(store.tenants, workspace);
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const record = await store.find(query);
      if (!record) throw new Error(`${NO_INSTALLATION} ${query.enterpriseId ?? query.teamId}`);
      return record.installation as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await store.delete(query);
      // Also when the row was already gone: Slack reports an uninstall twice (app_uninstalled and
      // tokens_revoked), and pausing again changes nothing (the first reason stays).
      const workspace = slackWorkspace(query);
      if (workspace) await pauseRemovedWorkspace(store.tenants, workspace);
    },
  };
}

/**
 * HTTP receiver's processEventErrorHandler with OAuth. A slash command from a workspace whose
 * installation cannot be loaded fails Bolt's authorize, and Bolt answers 401 — which Slack shows as
 * a bare "failed with the error" line. Such a command gets a private reply saying what to do
 * instead; everything else keeps Bolt's default handling.
 */
export async function answerUnauthorizedCommand(
  args: ReceiverProcessEventErrorHandlerArgs,
): Promise<boolean> {
  const { error, response } = args;
  const authorizeFailed = (error as CodedError).code === ErrorCode.AuthorizationError;
  if (!authorizeFailed || response.headersSent || !isSlashCommand(args.request)) {
    return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
  }
  // Bolt's authorize keeps the store's message: tell "not installed" from "store unavailable".
  const text = error.message.includes(NO_INSTALLATION)
    ? "Newsdesk is not installed in this workspace (or was removed). Ask a workspace admin to add it to Slack again."
    : "Newsdesk could not load this workspace's installation just now; please try again in a minute.";
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ response_type: "ephemeral", text }));
  // true: the request counts as acknowledged (Bolt stops its no-ack timer).
  return true;
}

function isSlashCommand(request: ReceiverProcessEventErrorHandlerArgs["request"]): boolean {
  if (!HTTPModuleFunctions.isBufferedIncomingMessage(request)) return false;
  try {
    const body = HTTPModuleFunctions.parseHTTPRequestBody(request) as Record<string, unknown>;
    return typeof body.command === "string";
  } catch {
    return false;
  }
}

/** Where an uninstall event came from, as Bolt puts it in the listener's context. */
interface RemovedFrom {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

/**
 * Forgets a workspace's installation when Slack reports the app gone from it: `app_uninstalled`,
 * or `tokens_revoked` listing bot tokens (`tokens.bot`: the app has one bot per workspace, so that
 * is ours). User tokens alone being revoked leaves the bot working, so the installation stays.
 * Bolt skips authorize for these two events (the token may already be dead) and takes the
 * workspace from the delivery's authorizations, so context carries team, enterprise and whether
 * the install was org-wide. Deleting the installation also pauses the workspace's feeds and
 * digests (boltInstallationStore), which its next install restarts. Without an installation store
 * (a single SLACK_BOT_TOKEN) there is nothing to delete; the removal is still logged for the
 * operator. Logs name ids, never tokens.
 */
export function forgetRemovedWorkspaces(app: App, store: InstallationStore | undefined, log: Logger): void {
  const forget = async (event: string, from: RemovedFrom) => {
    const installation = {
      teamId: from.teamId,
      enterpriseId: from.enterpriseId,
      isEnterpriseInstall: from.isEnterpriseInstall === true,
    };
    const where = { event, ...installation };
    if (!store?.deleteInstallation) {
      log.info(where, "slack: app removed from a workspace (single workspace: no installation stored)");
      return;
    }
    try {
      await store.deleteInstallation(installation);
      log.info(
        where,
        "slack: app removed from a workspace; installation deleted, its feeds and digests paused",
      );
    } catch (err) {
      log.warn(
        { ...where, err: String(err) },
        "slack: app removed from a workspace; could not delete the installation or pause its feeds and digests",
      );
    }
  };
  app.event("app_uninstalled", async ({ context }) => forget("app_uninstalled", context));
  app.event("tokens_revoked", async ({ event, context }) => {
    if ((event.tokens.bot ?? []).length > 0) return forget("tokens_revoked", context);
    log.info(
      {
        event: "tokens_revoked",
        teamId: context.teamId,
        enterpriseId: context.enterpriseId,
        users: event.tokens.oauth?.length ?? 0,
      },
      "slack: user tokens revoked; the bot's installation is kept",
    );
  });
}
