import { describe, expect, it } from "vitest";
import {
  describeSchedule,
  inQuietHours,
  latestSlot,
  nextSlot,
  parseSchedule,
  ScheduleError,
} from "../../src/digest/schedule.js";

const iso = (d: Date | undefined) => d?.toISOString();

describe("parseSchedule", () => {
  it.each([
    ["daily 08:00", "daily 08:00", "0 8 * * *", "every day at 08:00"],
    ["weekdays 07:30", "weekdays 07:30", "30 7 * * 1,2,3,4,5", "every weekday at 07:30"],
    ["mon,thu 18:00", "mon,thu 18:00", "0 18 * * 1,4", "every Monday and Thursday at 18:00"],
    ["Monday,Wednesday 9am", "mon,wed 09:00", "0 9 * * 1,3", "every Monday and Wednesday at 09:00"],
    ["mon-fri 7:05", "weekdays 07:05", "5 7 * * 1,2,3,4,5", "every weekday at 07:05"],
    ["weekends 10:00", "weekends 10:00", "0 10 * * 0,6", "every weekend day at 10:00"],
    ["every day at 6:30pm", undefined, undefined, undefined],
    ["every 6h", "every 6h", "0 */6 * * *", "every 6 hours"],
    ["every 30m", "every 30m", "*/30 * * * *", "every 30 minutes"],
    ["cron 0 8 * * 1-5", "cron 0 8 * * 1-5", "0 8 * * 1-5", 'on cron schedule "0 8 * * 1-5"'],
    ["15 9 * * *", "cron 15 9 * * *", "15 9 * * *", 'on cron schedule "15 9 * * *"'],
  ])("%s", (input, spec, cron, description) => {
    if (spec === undefined) {
      expect(() => parseSchedule(input, "UTC")).toThrow(ScheduleError);
      return;
    }
    const p = parseSchedule(input, "UTC");
    expect({ spec: p.spec, cron: p.cron, description: p.description }).toEqual({ spec, cron, description });
  });

  it("takes a timezone and quiet hours after the schedule, in either order", () => {
    const a = parseSchedule("every 6h Europe/Berlin quiet 22:00-07:00", "UTC");
    const b = parseSchedule("every 6h quiet 22:00-07:00 Europe/Berlin", "UTC");
    expect(a).toEqual(b);
    expect(a.timezone).toBe("Europe/Berlin");
    expect(a.quiet).toEqual({ start: 22 * 60, end: 7 * 60 });
    expect(a.spec).toBe("every 6h quiet 22:00-07:00");
    // The stored spec plus timezone parses back to the same schedule.
    expect(parseSchedule(`${a.spec} ${a.timezone}`, "UTC")).toEqual(a);
  });

  it.each([
    ["", /empty/],
    ["daily", /cannot read/],
    ["daily 25:00", /"25:00" is not a time \(say 08:00/],
    // Every word not understood is named, not only the last one (issue 14).
    ["tomorrow at 8", /"tomorrow" is not a day .*; "8" is not a time/],
    ["twice a day", /"twice", "a" are not days .*; a time is missing at the end/],
    ["daily 8", /not a time/],
    ["funday 08:00", /not daily, weekdays or days/],
    ["every 5h", /does not divide the day/],
    ["every 7m", /use 5, 10, 15/],
    ["cron 0 8 * *", /five fields/],
    ["cron 61 8 * * *", /not a usable cron/],
    ["cron 0 0 30 2 *", /never runs/],
    ["daily 08:00 Mars/Olympus", /unknown timezone "Mars\/Olympus"/],
    ["daily 08:00 quiet 22-7", /quiet hours "22-7"/],
    ["daily 08:00 quiet 07:00-09:00", /every run .* quiet hours/],
  ])("rejects %j with a message and a valid example", (input, problem) => {
    let error: unknown;
    try {
      parseSchedule(input, "UTC");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScheduleError);
    expect((error as Error).message).toMatch(problem);
    expect((error as Error).message).toContain("Examples: daily 08:00 or weekdays 07:30 Europe/Berlin");
  });
});

describe("slots in a timezone", () => {
  it("echoes what was understood with the next run in local time", () => {
    const p = parseSchedule("weekdays 07:30 Europe/Berlin", "UTC");
    // Friday 29 Nov 2024 12:00 UTC → next weekday is Monday 2 Dec.
    expect(describeSchedule(p, new Date("2024-11-29T12:00:00Z"))).toBe(
      "every weekday at 07:30 Europe/Berlin — next: Mon 2 Dec 07:30",
    );
  });

  it("follows 08:00 Berlin across the change to summer time", () => {
    const p = parseSchedule("daily 08:00 Europe/Berlin", "UTC");
    expect(iso(nextSlot(p, new Date("2026-03-28T12:00:00Z")))).toBe("2026-03-29T06:00:00.000Z");
    expect(iso(nextSlot(p, new Date("2026-03-27T12:00:00Z")))).toBe("2026-03-28T07:00:00.000Z");
  });

  it("runs once when the slot falls in the skipped hour (02:30 on spring-forward day)", () => {
    const p = parseSchedule("daily 02:30 Europe/Berlin", "UTC");
    const first = nextSlot(p, new Date("2026-03-28T12:00:00Z"))!;
    const second = nextSlot(p, first)!;
    // 02:30 does not exist on 29 March: it runs at 03:30 CEST that day, then 02:30 CEST again.
    expect(iso(first)).toBe("2026-03-29T01:30:00.000Z");
    expect(iso(second)).toBe("2026-03-30T00:30:00.000Z");
  });

  it("runs once when the slot falls in the repeated hour (02:30 on fall-back day)", () => {
    const p = parseSchedule("daily 02:30 Europe/Berlin", "UTC");
    const slots: string[] = [];
    let cursor = new Date("2026-10-24T12:00:00Z");
    for (let i = 0; i < 3; i++) {
      cursor = nextSlot(p, cursor)!;
      slots.push(iso(cursor)!);
    }
    expect(slots).toEqual([
      "2026-10-25T01:30:00.000Z",
      "2026-10-26T01:30:00.000Z",
      "2026-10-27T01:30:00.000Z",
    ]);
  });

  it("keeps 'every 6h' on local hours through the repeated hour", () => {
    const p = parseSchedule("every 6h Europe/Berlin", "UTC");
    const slots: string[] = [];
    let cursor = new Date("2026-10-24T20:00:00Z");
    for (let i = 0; i < 3; i++) {
      cursor = nextSlot(p, cursor)!;
      slots.push(iso(cursor)!);
    }
    // 00:00 CEST, 06:00 CET, 12:00 CET: the 25-hour day still has four local slots, none twice.
    expect(slots).toEqual([
      "2026-10-24T22:00:00.000Z",
      "2026-10-25T05:00:00.000Z",
      "2026-10-25T11:00:00.000Z",
    ]);
  });

  it("skips slots in the quiet hours, across midnight", () => {
    const p = parseSchedule("every 6h quiet 22:00-07:00", "UTC");
    expect(inQuietHours(new Date("2026-01-01T23:00:00Z"), p)).toBe(true);
    expect(inQuietHours(new Date("2026-01-01T07:00:00Z"), p)).toBe(false);
    const slots: string[] = [];
    let cursor = new Date("2026-01-01T13:00:00Z");
    for (let i = 0; i < 3; i++) {
      cursor = nextSlot(p, cursor)!;
      slots.push(iso(cursor)!);
    }
    expect(slots).toEqual([
      "2026-01-01T18:00:00.000Z",
      "2026-01-02T12:00:00.000Z",
      "2026-01-02T18:00:00.000Z",
    ]);
  });

  it("finds the latest missed slot and how many were missed", () => {
    const p = parseSchedule("daily 08:00", "UTC");
    const r = latestSlot(p, new Date("2026-01-01T07:59:59Z"), new Date("2026-01-04T09:00:00Z"));
    expect(iso(r?.slot)).toBe("2026-01-04T08:00:00.000Z");
    expect(r?.count).toBe(4);
    expect(latestSlot(p, new Date("2026-01-04T08:00:00Z"), new Date("2026-01-04T09:00:00Z"))).toBeUndefined();
  });
});
