import { nextSlot, parseStoredSchedule } from "../digest/schedule.js";
import type { Schedule, TenantStore, TenantWorkCount } from "../store/types.js";

/** A chat workspace (Slack team, Discord guild) as the store keys its tenant. */
export interface Workspace {
  platform: string;
  externalId: string;
  /** What its users call it, for the reason they read: "Slack workspace", "Discord server". */
  kind: string;
}

/** Every removal reason starts so; a reinstall restarts exactly what was stopped with one. */
export const removalReasonPrefix = (kind: string): string => `the ${kind} removed Newsdesk on `;

/** "the Slack workspace removed Newsdesk on 2026-11-25" (the UTC date). */
export const removalReason = (kind: string, at: Date): string =>
  `${removalReasonPrefix(kind)}${at.toISOString().slice(0, 10)}`;

/** What a removal or a reinstall changed; no tenant: the workspace never used Newsdesk. */
export interface WorkspaceWork extends TenantWorkCount {
  tenantId?: string;
}

/**
 * The workspace removed the app: its feeds stop being polled and its digests stop firing (each
 * would only fail, its token being dead), with the reason kept. Nothing is deleted, so a reinstall
 * brings everything back.
 */
export async function pauseRemovedWorkspace(
  tenants: TenantStore,
  workspace: Workspace,
  at = new Date(),
): Promise<WorkspaceWork> {
  const tenant = await tenants.find(workspace.platform, workspace.externalId);
  if (!tenant) return { feeds: 0, schedules: 0 };
  const stopped = await tenants.suspendWork(tenant.id, removalReason(workspace.kind, at), at);
  return { tenantId: tenant.id, ...stopped };
}

/**
 * The workspace installed the app (again): what its removal stopped starts again — not a feed
 * disabled for its own reason (e.g. gone, 404). Digests resume at their next slot from `at`; the
 * slots missed while removed are not caught up. Nothing to do for a first install.
 */
export async function resumeReinstalledWorkspace(
  tenants: TenantStore,
  workspace: Workspace,
  at = new Date(),
): Promise<WorkspaceWork> {
  const tenant = await tenants.find(workspace.platform, workspace.externalId);
  if (!tenant) return { feeds: 0, schedules: 0 };
  const started = await tenants.resumeWork(
    tenant.id,
    removalReasonPrefix(workspace.kind),
    (s) => nextSlotAfter(s, at),
    at,
  );
  return { tenantId: tenant.id, ...started };
}

/** A schedule with no slot ahead waits as long as the runner makes it wait. */
const NO_NEXT_SLOT_MS = 365 * 86_400_000;

/**
 * The schedule's first slot after `at`. A spec that no longer parses gets `at`: the runner then
 * pauses it at its next tick with the parse error, a truer reason than the removal.
 */
function nextSlotAfter(s: Schedule, at: Date): Date {
  try {
    const parsed = parseStoredSchedule(s);
    return nextSlot(parsed, at) ?? new Date(at.getTime() + NO_NEXT_SLOT_MS);
  } catch {
    return at;
  }
}
