import { describeSchedule, nextSlot, parseStoredSchedule } from "../../digest/schedule.js";
import { type DmDigestService, UserFacingError } from "../services.js";
import type { ServiceScope, StoreServicesDeps } from "./deps.js";
import { parseOrExplain, settings } from "./digests.js";

/**
 * A user's digest of a channel in their DMs: its own schedule and timezone, the channel's stories
 * (store.dmDigests: a channel row of its own, so the runner claims and posts it exactly once like
 * any channel's digest).
 */
export function createDmDigestService(
  scope: ServiceScope,
  deps: Pick<StoreServicesDeps, "defaultTimezone">,
): DmDigestService {
  const { store, now, tenantId, channelId } = scope;
  return {
    async set(tenant, channel, user, schedule) {
      const tid = await tenantId(tenant);
      const parsed = parseOrExplain(
        schedule,
        deps.defaultTimezone,
        "e.g. /digest me daily 07:00 Europe/Paris",
      );
      const next = nextSlot(parsed, now());
      if (!next) throw new UserFacingError(`"${schedule}" never runs.`, "Try daily 07:00 Europe/Paris.");
      const sub = await store.dmDigests.ensure(tid, await channelId(tid, channel), user, now());
      await store.schedules.set(
        tid,
        sub.channelId,
        { spec: parsed.spec, timezone: parsed.timezone, nextSlotAt: next },
        now(),
      );
      return settings(
        channel,
        parsed.spec,
        parsed.timezone,
        describeSchedule(parsed, now()),
        next.toISOString(),
      );
    },
    async show(tenant, channel, user) {
      const tid = await tenantId(tenant);
      const sub = await store.dmDigests.get(tid, await channelId(tid, channel), user);
      const s = sub && (await store.schedules.get(tid, sub.channelId));
      if (!s) return null;
      return settings(
        channel,
        s.spec,
        s.timezone,
        describeSchedule(parseStoredSchedule(s), now()),
        s.nextSlotAt,
        s.pausedReason ?? undefined,
      );
    },
    async off(tenant, channel, user) {
      const tid = await tenantId(tenant);
      return store.dmDigests.remove(tid, await channelId(tid, channel), user);
    },
  };
}
