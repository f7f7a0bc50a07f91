import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../app/logger.js";

/** Bolt's logger interface over our pino logger, so Slack's own messages are structured JSON too. */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === "string" ? m : String(m))).join(" ");
  return {
    debug: (...msg) => log.debug({ source: "bolt" }, text(msg)),
    info: (...msg) => log.info({ source: "bolt" }, text(msg)),
    warn: (...msg) => log.warn({ source: "bolt" }, text(msg)),
    error: (...msg) => log.error({ source: "bolt" }, text(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
