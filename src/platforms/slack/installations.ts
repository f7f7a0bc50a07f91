import {
  type CodedError,
  ErrorCode,
  HTTPModuleFunctions,
  type Installation,
  type InstallationQuery,
  type InstallationStore,
  type ReceiverProcessEventErrorHandlerArgs,
} from "@slack/bolt";
import type { SlackInstallationStore } from "../../store/types.js";

/** Starts the error fetchInstallation throws for a workspace with no installation. */
const NO_INSTALLATION = "no Slack installation for";

/** Bolt's InstallationStore over our store, for multi-workspace (OAuth) installs. */
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
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const record = await store.find(query);
      if (!record) throw new Error(`${NO_INSTALLATION} ${query.enterpriseId ?? query.teamId}`);
      return record.installation as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await store.delete(query);
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
