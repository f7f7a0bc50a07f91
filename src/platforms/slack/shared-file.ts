import type { webApi } from "@slack/bolt";
import { UserFacingError } from "../../app/services.js";

type WebClient = webApi.WebClient;

/** A Slack file's link as "Copy link" gives it: https://<workspace>.slack.com/files/<user>/<file id>/<name>. */
const FILE_LINK =
  /^https:\/\/[a-z0-9-]+\.(?:enterprise\.)?slack\.com\/files\/[A-Z0-9]+\/(F[A-Z0-9]+)(?:\/|$)/i;

/** The file id of a Slack file link, or undefined for anything else. */
export function slackFileId(value: string): string | undefined {
  return FILE_LINK.exec(value.trim())?.[1];
}

/**
 * `/feeds import <link of a file shared in Slack>`: slash commands carry no attachments, so a file
 * shared in the workspace is named by its link; the bot reads it with its own token (files.info,
 * then url_private_download with the token, needing the files:read scope). Only Slack's own file
 * hosts (or the configured API's, in tests) are fetched, never an address from the file's record
 * elsewhere; the size is checked before and while reading.
 */
export async function readSlackFile(
  client: WebClient,
  input: { token?: string; fileId: string; maxBytes: number; apiUrl?: string },
): Promise<string> {
  let info: Awaited<ReturnType<WebClient["files"]["info"]>>;
  try {
    info = await client.files.info({ ...(input.token ? { token: input.token } : {}), file: input.fileId });
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error ?? "error";
    throw new UserFacingError(
      code === "missing_scope"
        ? "Newsdesk may not read files in this workspace (its install lacks the files:read scope)."
        : `Slack did not hand over the file (${code}).`,
      code === "missing_scope"
        ? "Reinstall the app from manifest.json, or paste the OPML text instead."
        : "Share the file in this channel first, or paste the OPML text instead.",
    );
  }
  const file = info.file;
  if ((file?.size ?? 0) > input.maxBytes)
    throw new UserFacingError(
      `The file is larger than ${Math.round(input.maxBytes / 1024)} kB; that is no feed list.`,
    );
  const url = file?.url_private_download ?? file?.url_private;
  const allowed = (u: URL) =>
    u.protocol === "https:" && (u.hostname === "files.slack.com" || u.hostname.endsWith(".slack.com"));
  const fromApi = (u: URL) => !!input.apiUrl && u.origin === new URL(input.apiUrl).origin;
  const target = url ? new URL(url) : undefined;
  if (!target || !(allowed(target) || fromApi(target)))
    throw new UserFacingError(
      "Slack gave no download address for that file.",
      "Paste the OPML text instead.",
    );
  const res = await fetch(target, {
    headers: input.token ? { authorization: `Bearer ${input.token}` } : {},
    redirect: "error",
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new UserFacingError(`The file could not be downloaded from Slack (HTTP ${res.status}).`);
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length > input.maxBytes)
    throw new UserFacingError(
      `The file is larger than ${Math.round(input.maxBytes / 1024)} kB; that is no feed list.`,
    );
  return body.toString("utf8");
}
