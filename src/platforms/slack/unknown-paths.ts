import type { RequestListener } from "node:http";
import { type CodedError, ErrorCode } from "@slack/bolt";

/**
 * Bolt's HTTP listener throws for a request it has no route for (any path but /slack/events and,
 * with OAuth, /slack/install and /slack/oauth_redirect; or a route with the wrong method), for the
 * caller to route elsewhere. Nothing else is served under /slack/, so that is a plain 404 — not the
 * 500 the HTTP server gives a failed handler. Any other throw still reaches the server.
 */
export function answerUnknownPaths(listener: RequestListener): RequestListener {
  return (req, res) => {
    try {
      listener(req, res);
    } catch (err) {
      if ((err as CodedError).code !== ErrorCode.HTTPReceiverDeferredRequestError || res.headersSent)
        throw err;
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    }
  };
}
