import type { DueSchedule, Store } from "../../src/store/index.js";

/**
 * The schedules a digest claim at `now` is handed, as the runner claims them (claimDueSlots),
 * without claiming any: every one is planned as invalid, and a claim with nothing planned writes
 * nothing (moving schedules on and pausing invalid ones are left to the caller).
 */
export async function claimableSchedules(store: Store, now: Date, limit = 1000): Promise<DueSchedule[]> {
  const seen: DueSchedule[] = [];
  const { claimed, invalid } = await store.worker.claimDueSlots({
    now,
    owner: "test-peek",
    leaseMs: 60_000,
    limit,
    plan: (schedule) => {
      seen.push(schedule);
      return { invalid: "peek only" };
    },
  });
  if (claimed.length || invalid.length !== seen.length) throw new Error("a peek must claim nothing");
  return seen;
}
