import type { Logger } from "../app/logger.js";
import type { InFlight } from "./types.js";

export interface ConversationReplyDeps {
  inFlight: InFlight;
  /** Waits for acks still to be sent (the AckGate): a reply's work never delays one. */
  pause(): Promise<void>;
  log: Logger;
}

/**
 * Starts the reply to a message or mention without holding up the platform client's event
 * handler: the work runs after `pause`, a graceful shutdown waits for it (`inFlight`), and a
 * failure is logged, never thrown into the client's event emitter.
 */
export function startConversationReply(
  deps: ConversationReplyDeps,
  platform: "discord" | "slack",
  work: () => Promise<void>,
): void {
  void deps.inFlight
    .track(
      (async () => {
        await deps.pause();
        await work();
      })(),
    )
    .catch((err) => deps.log.warn({ err: String(err) }, `${platform}: conversation reply failed`));
}
