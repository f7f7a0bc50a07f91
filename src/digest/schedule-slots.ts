import { Cron } from "croner";

/**
 * When a parsed schedule runs: its next slot, the latest of a missed range, quiet hours, and the
 * slot as people read it. Pure: no clock, no I/O — callers pass the instants. Parsing what users
 * type lives in schedule.ts.
 */

export interface QuietHours {
  /** Minutes after local midnight; the window is [start, end) and may wrap past midnight. */
  start: number;
  end: number;
}

export interface ParsedSchedule {
  /** Canonical text, without the timezone (stored with the schedule, parsed again on use). */
  spec: string;
  cron: string;
  timezone: string;
  quiet?: QuietHours;
  /** "every weekday at 07:30" (quiet hours not included: describeSchedule adds them) */
  description: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
/** Minutes after midnight as "07:30". */
export const hhmm = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;

/** One formatter per timezone for these options: building one costs far more than using it. */
function perTimezone(options: Intl.DateTimeFormatOptions): (timezone: string) => Intl.DateTimeFormat {
  const formatters = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let f = formatters.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
      formatters.set(timeZone, f);
    }
    return f;
  };
}

/** The named parts of `at` as a formatter writes them ("hour" → "07"). */
function partsOf(formatter: Intl.DateTimeFormat, at: Date): (type: string) => string {
  const parts = formatter.formatToParts(at);
  return (type) => parts.find((p) => p.type === type)?.value ?? "";
}

const minuteFormatter = perTimezone({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
function localMinutes(at: Date, timezone: string): number {
  const get = partsOf(minuteFormatter(timezone), at);
  return Number(get("hour")) * 60 + Number(get("minute"));
}

export function inQuietHours(at: Date, schedule: Pick<ParsedSchedule, "quiet" | "timezone">): boolean {
  const q = schedule.quiet;
  if (!q) return false;
  const m = localMinutes(at, schedule.timezone);
  return q.start < q.end ? m >= q.start && m < q.end : m >= q.start || m < q.end;
}

/** One paused croner job per (pattern, timezone): building one parses the pattern again. */
const cronCache = new Map<string, Cron>();
export function cronFor(s: Pick<ParsedSchedule, "cron" | "timezone">): Cron {
  const key = `${s.cron}|${s.timezone}`;
  let c = cronCache.get(key);
  if (!c) {
    c = new Cron(s.cron, { timezone: s.timezone, paused: true });
    if (cronCache.size > 10_000) cronCache.clear();
    cronCache.set(key, c);
  }
  return c;
}

// Thousands of channels share a few schedules and the same instants: remember recent answers
// (the function is pure, and croner's timezone arithmetic costs far more than a map lookup).
const nextSlotMemo = new Map<string, number | null>();

/** The first slot strictly after `after` that is not in the quiet hours (undefined: never). */
export function nextSlot(s: ParsedSchedule, after: Date): Date | undefined {
  const key = `${s.cron}|${s.timezone}|${s.quiet?.start}-${s.quiet?.end}|${after.getTime()}`;
  let hit = nextSlotMemo.get(key);
  if (hit === undefined) {
    hit = computeNextSlot(s, after)?.getTime() ?? null;
    if (nextSlotMemo.size >= 20_000) nextSlotMemo.clear();
    nextSlotMemo.set(key, hit);
  }
  return hit === null ? undefined : new Date(hit);
}

function computeNextSlot(s: ParsedSchedule, after: Date): Date | undefined {
  let cursor = after;
  // Quiet hours hide at most a day of slots; looking 8 days ahead covers every weekly pattern.
  const horizon = after.getTime() + 8 * 86_400_000;
  for (let i = 0; i < 5000; i++) {
    const next = cronFor(s).nextRun(cursor);
    if (!next) return undefined;
    if (!inQuietHours(next, s)) return next;
    if (next.getTime() > horizon) return undefined;
    cursor = next;
  }
  return undefined;
}

/**
 * The latest slot in (after, upTo], and how many slots that range held: after downtime the
 * runner posts one catch-up digest for the latest slot instead of a burst.
 */
export function latestSlot(
  s: ParsedSchedule,
  after: Date,
  upTo: Date,
): { slot: Date; count: number } | undefined {
  // Never walk more than 35 days of slots: older ones only matter as "there were some".
  const floor = new Date(upTo.getTime() - 35 * 86_400_000);
  let cursor = after < floor ? floor : after;
  let found: Date | undefined;
  let count = after < floor ? 1 : 0;
  for (;;) {
    const next = nextSlot(s, cursor);
    if (!next || next > upTo) break;
    found = next;
    count++;
    cursor = next;
  }
  return found && { slot: found, count };
}

/** "Mon 2 Dec 07:30" in the schedule's timezone. */
const slotFormatter = perTimezone({
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
export function formatSlot(at: Date, timezone: string): string {
  const get = partsOf(slotFormatter(timezone), at);
  return `${get("weekday")} ${get("day")} ${get("month")} ${get("hour")}:${get("minute")}`;
}

/** "every weekday at 07:30 Europe/Berlin — next: Mon 2 Dec 07:30" */
export function describeSchedule(s: ParsedSchedule, now: Date): string {
  const next = nextSlot(s, now);
  const quiet = s.quiet ? `, quiet ${hhmm(s.quiet.start)}–${hhmm(s.quiet.end)}` : "";
  return `${s.description} ${s.timezone}${quiet} — next: ${next ? formatSlot(next, s.timezone) : "never"}`;
}
