import { formatQuote } from "../render/brief.js";
import { isWebUrl, type Reply } from "../render/reply.js";
import type { AlertMessage } from "./alert-types.js";

/** The alert as a neutral Reply: the platform renderers escape every line and neutralise mentions. */
export function alertToReply(alert: AlertMessage): Reply {
  const items = [...alert.lines];
  if (alert.topQuote) items.push(formatQuote(alert.topQuote));
  const url = alert.url && isWebUrl(alert.url) ? alert.url : undefined;
  return {
    title: alert.title,
    ...(url ? { url } : {}),
    sections: items.length ? [{ style: "bullets", items }] : [],
    ...(alert.footer
      ? { footer: alert.footer }
      : alert.siteName
        ? { footer: alert.siteName }
        : url
          ? { footer: new URL(url).hostname }
          : {}),
    tone: "info",
    ephemeral: false,
  };
}
