import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../../app/logger.js";
import { RecentKeys } from "../recent-keys.js";

/** How long a delivery is remembered: Slack retries within minutes, a signed body is good for five. */
export const DELIVERY_TTL_MS = 15 * 60_000;

/** Claims a delivery key: true the first time, false while it is remembered. */
export interface DeliveryClaims {
  claim(key: string): Promise<boolean>;
}

type Body = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);
const obj = (v: unknown): Body => (v && typeof v === "object" ? (v as Body) : {});

/** The workspace a delivery is for, as commands key their tenant: the enterprise of an org-wide install. */
function tenantOf(body: Body): string {
  const enterprise = str(body.enterprise_id) ?? str(obj(body.enterprise).id);
  const orgWide = body.is_enterprise_install === true || body.is_enterprise_install === "true";
  if (orgWide && enterprise) return enterprise;
  return str(body.team_id) ?? str(obj(body.team).id) ?? enterprise ?? "";
}

/**
 * The key a delivery is claimed under, the same for a replay of the same signed body and for
 * Slack's own retries (`X-Slack-Retry-Num`, a Socket Mode envelope's `retry_attempt`), different
 * for every new user action. Undefined for a kind that must be answered every time (options
 * loading, `block_suggestion`) or that carries nothing stable.
 *
 * - slash command: its `trigger_id` (the key format predates this file: kept, so keys already in
 *   the store during a rolling deploy still match);
 * - `view_submission`, `block_actions`, `shortcut`, `message_action`: the interaction's
 *   `trigger_id`, fresh for each submission or click (a form sent back with errors and submitted
 *   again is a new one); without it the view's id and hash, or the action's `action_ts`;
 * - Events API (`event_callback`): `event_id`.
 */
export function deliveryKey(payload: unknown): string | undefined {
  const body = obj(payload);
  const tenant = tenantOf(body);
  if (typeof body.command === "string") {
    const trigger = str(body.trigger_id) ?? `${body.user_id}:${body.command}:${body.text}`;
    return `slack:${tenant}:${trigger}`;
  }
  const type = str(body.type);
  if (type === "event_callback") {
    const id = str(body.event_id);
    return id && `slack:${tenant}:event:${id}`;
  }
  if (
    type !== "view_submission" &&
    type !== "block_actions" &&
    type !== "shortcut" &&
    type !== "message_action"
  )
    return undefined;
  const view = obj(body.view);
  const firstAction = obj(Array.isArray(body.actions) ? body.actions[0] : undefined);
  const fallback =
    type === "view_submission"
      ? str(view.id) && str(view.hash) && `${view.id}:${view.hash}`
      : type === "block_actions"
        ? str(firstAction.action_ts)
        : undefined;
  const identity = str(body.trigger_id) ?? fallback;
  return identity && `slack:${tenant}:${type}:${identity}`;
}

/**
 * True for a delivery's first arrival (or one without a key). Keys go to `deliveries` (the store:
 * shared by restarts and instances) or, without one, to this process's memory. When the store
 * cannot tell, answering twice beats never answering.
 */
export function firstDeliveryCheck(
  deliveries: DeliveryClaims | undefined,
  log: Logger,
): (key: string | undefined) => Promise<boolean> {
  const recent = new RecentKeys(10_000, DELIVERY_TTL_MS);
  const claims = deliveries ?? { claim: async (key: string) => recent.add(key) };
  return async (key) => {
    if (!key) return true;
    return claims.claim(key).catch((err) => {
      log.warn({ err: String(err) }, "could not check for a retried delivery; handling it");
      return true;
    });
  };
}

/**
 * Global middleware for Events API deliveries: Bolt acks an event before any middleware runs, so
 * the claim here delays no ack, and a repeat reaches no listener. Commands and interactions are not
 * claimed here because their listener must ack first (a claim is a store round trip, and the
 * modal's ack may carry validation errors): they claim `deliveryKey(body)` right after `ack()`.
 */
export function dropRepeatedEvents(
  firstDelivery: (key: string | undefined) => Promise<boolean>,
  log: Logger,
): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const b = body as Body;
    if (b.type !== "event_callback") return next();
    if (!(await firstDelivery(deliveryKey(b)))) {
      log.info({ event: str(obj(b.event).type), eventId: str(b.event_id) }, "duplicate delivery ignored");
      return;
    }
    await next();
  };
}
