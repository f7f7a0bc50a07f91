import {
  describeSchedule,
  nextSlot,
  parseSchedule,
  parseStoredSchedule,
  ScheduleError,
} from "../../digest/schedule.js";
import { type DigestService, type DigestSettings, UserFacingError } from "../services.js";
import type { ServiceScope, StoreServicesDeps } from "./deps.js";

/** A channel's digest schedule, with a human echo; posting now goes through the digest runner. */
export function createDigestSettingsService(
  scope: ServiceScope,
  deps: Pick<StoreServicesDeps, "defaultTimezone" | "digestNow">,
): DigestService {
  const { store, now, tenantId, channelId } = scope;
  return {
    async set(tenant, channel, schedule, timezone) {
      const tid = await tenantId(tenant);
      const parsed = parseOrExplain(timezone ? `${schedule} ${timezone}` : schedule, deps.defaultTimezone);
      const next = nextSlot(parsed, now());
      if (!next) throw new UserFacingError(`"${schedule}" never runs.`, "Try daily 08:00.");
      const ch = await channelId(tid, channel);
      await store.schedules.set(
        tid,
        ch,
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
    async show(tenant, channel) {
      const tid = await tenantId(tenant);
      const s = await store.schedules.get(tid, await channelId(tid, channel));
      if (!s) return null;
      const parsed = parseStoredSchedule(s);
      return settings(
        channel,
        s.spec,
        s.timezone,
        describeSchedule(parsed, now()),
        s.nextSlotAt,
        s.pausedReason ?? undefined,
      );
    },
    async off(tenant, channel) {
      const tid = await tenantId(tenant);
      return store.schedules.remove(tid, await channelId(tid, channel));
    },
    async now(tenant, channel) {
      if (!deps.digestNow)
        throw new UserFacingError("Digests cannot be posted from here.", "Run the bot on Discord or Slack.");
      const tid = await tenantId(tenant);
      return deps.digestNow(tid, await channelId(tid, channel));
    },
  };
}

function parseOrExplain(input: string, timezone: string) {
  try {
    return parseSchedule(input, timezone);
  } catch (err) {
    if (err instanceof ScheduleError) throw new UserFacingError(err.message);
    throw err;
  }
}

function settings(
  channelId: string,
  schedule: string,
  timezone: string,
  description: string,
  nextRun?: string,
  paused?: string,
): DigestSettings {
  return { channelId, schedule, timezone, description, nextRun, paused };
}
