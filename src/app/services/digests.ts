import { describeDigestOptions, digestOptionsOf } from "../../digest/options.js";
import {
  describeSchedule,
  nextSlot,
  parseSchedule,
  parseStoredSchedule,
  ScheduleError,
} from "../../digest/schedule.js";
import { type DigestService, type DigestSettings, UserFacingError } from "../services.js";
import type { ServiceScope, StoreServicesDeps } from "./deps.js";
import { createDigestOptionsService } from "./digest-options.js";
import { createMuteService } from "./mute.js";

/** A channel's digest schedule, with a human echo; posting now goes through the digest runner. */
export function createDigestSettingsService(
  scope: ServiceScope,
  deps: Pick<StoreServicesDeps, "defaultTimezone" | "digestNow" | "digestMaxStories">,
): DigestService {
  const { store, now, tenantId, channelId } = scope;
  return {
    ...createMuteService(scope),
    ...createDigestOptionsService(scope, deps.digestMaxStories ?? 8),
    async set(tenant, channel, schedule, timezone) {
      const tid = await tenantId(tenant);
      const ch = await channelId(tid, channel);
      // A new schedule keeps the channel's timezone unless one is given (`every 6h` after
      // `daily 08:00 Europe/Berlin` stays in Berlin); a new timezone alone keeps the schedule.
      const current = await store.schedules.get(tid, ch);
      const spec = schedule ?? current?.spec;
      if (!spec)
        throw new UserFacingError(
          "This channel has no digest schedule to change the timezone of.",
          "Example: /digest set daily 08:00 timezone:Europe/Berlin",
        );
      const parsed = parseOrExplain(
        timezone ? `${spec} ${timezone}` : spec,
        current?.timezone ?? deps.defaultTimezone,
      );
      const next = nextSlot(parsed, now());
      if (!next) throw new UserFacingError(`"${spec}" never runs.`, "Try daily 08:00.");
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
        describeDigestOptions(
          digestOptionsOf(await store.filters.digestOptions(tid, s.channelId)),
          deps.digestMaxStories ?? 8,
        ),
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

/** A schedule as the user typed it, or a user-facing error saying what was not understood. */
export function parseOrExplain(input: string, timezone: string, hint?: string) {
  try {
    return parseSchedule(input, timezone);
  } catch (err) {
    if (err instanceof ScheduleError) throw new UserFacingError(err.message, hint);
    throw err;
  }
}

export function settings(
  channelId: string,
  schedule: string,
  timezone: string,
  description: string,
  nextRun?: string,
  paused?: string,
  options?: string,
): DigestSettings {
  return { channelId, schedule, timezone, description, nextRun, paused, ...(options ? { options } : {}) };
}
