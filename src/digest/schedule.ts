/**
 * Digest schedules as people type them, turned into a cron pattern in an IANA timezone.
 * Pure: no clock, no I/O — callers pass the instants. Forms:
 *   daily 08:00 · weekdays 07:30 · weekends 10:00 · mon,thu 18:00 · every 6h · every 30m
 *   cron 0 8 * * 1-5 (or the five fields alone)
 * optionally followed by a timezone (Europe/Berlin) and quiet hours (quiet 22:00-07:00).
 * When a parsed schedule runs is computed in schedule-slots.ts (re-exported here).
 */

import { isTimezone } from "../config.js";
import { cronFor, hhmm, nextSlot, type ParsedSchedule, type QuietHours } from "./schedule-slots.js";

export {
  describeSchedule,
  formatSlot,
  inQuietHours,
  latestSlot,
  nextSlot,
  type ParsedSchedule,
  type QuietHours,
} from "./schedule-slots.js";

export const SCHEDULE_EXAMPLES = "daily 08:00, weekdays 07:30, mon,thu 18:00, every 6h, cron 0 8 * * 1-5";

export class ScheduleError extends Error {
  constructor(problem: string) {
    // Two complete examples first (one with a timezone), then the other forms in brief.
    super(
      `${problem}. Examples: daily 08:00 or weekdays 07:30 Europe/Berlin (also mon,thu 18:00, every 6h, cron 0 8 * * 1-5; optionally quiet 22:00-07:00)`,
    );
    this.name = "ScheduleError";
  }
}

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "08:00", "8:00", "7:30pm", "8am" → minutes after midnight. */
function parseTime(token: string): number | undefined {
  const m = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/i.exec(token);
  if (!m || (m[2] === undefined && m[3] === undefined)) return undefined;
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (m[3]) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (m[3].toLowerCase() === "pm" ? 12 : 0);
  }
  if (h > 23 || min > 59) return undefined;
  return h * 60 + min;
}

const DAY_WORDS = new Set(["daily", "day", "weekdays", "weekday", "weekends", "weekend", "every", "at"]);

/**
 * Names each word of a day-and-time schedule that was not understood ("tomorrow" is not a day,
 * "8" is not a time), so the user sees what to change rather than only the last word.
 */
function notUnderstood(tokens: string[]): string {
  const last = tokens.length - 1;
  const days: string[] = [];
  const times: string[] = [];
  tokens.forEach((t, i) => {
    const w = t.toLowerCase();
    if (DAY_WORDS.has(w) || parseTime(t) !== undefined || parseDays(w)?.length) return;
    ((i === last && last > 0) || /^\d/.test(t) ? times : days).push(`"${t}"`);
  });
  const problems: string[] = [];
  if (days.length)
    problems.push(
      `${days.join(", ")} ${days.length > 1 ? "are not days" : "is not a day"} (say daily, weekdays, weekends or days like mon,thu)`,
    );
  if (times.length) problems.push(`${times.join(", ")} is not a time (say 08:00, 8:30 or 8am)`);
  else if (parseTime(tokens[last] ?? "") === undefined)
    problems.push("a time is missing at the end (e.g. 08:00)");
  return problems.join("; ");
}

/** "mon,thu", "mon-fri", "monday,wednesday" → sorted day numbers (0 = Sunday). */
function parseDays(token: string): number[] | undefined {
  const days = new Set<number>();
  for (const part of token.toLowerCase().split(",")) {
    const range = part.split("-");
    const idx = range.map((d) => DAYS.findIndex((name) => d.length >= 3 && name === d.slice(0, 3)));
    if (idx.some((i) => i < 0) || range.length > 2) return undefined;
    if (range.length === 1) days.add(idx[0]);
    else
      for (let d = idx[0]; ; d = (d + 1) % 7) {
        days.add(d);
        if (d === idx[1]) break;
      }
  }
  return [...days].sort((a, b) => a - b);
}

function describeDays(days: number[]): string {
  const key = days.join(",");
  if (key === "0,1,2,3,4,5,6") return "every day";
  if (key === "1,2,3,4,5") return "every weekday";
  if (key === "0,6") return "every weekend day";
  const names = days.map((d) => DAY_NAMES[d]);
  return `every ${names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0]}`;
}

function checkCron(pattern: string, timezone: string): void {
  try {
    if (!cronFor({ cron: pattern, timezone }).nextRun()) throw new Error("it never runs");
  } catch (err) {
    throw new ScheduleError(
      `"${pattern}" is not a usable cron expression (${(err as Error).message.replace(/^CronPattern: /, "")})`,
    );
  }
}

/** A stored schedule (its normalised spec and timezone) read back into its parsed form. */
export function parseStoredSchedule(s: { spec: string; timezone: string }): ParsedSchedule {
  return parseSchedule(`${s.spec} ${s.timezone}`, s.timezone);
}

/** Parses what a user typed; throws ScheduleError (with valid examples) on anything else. */
export function parseSchedule(input: string, defaultTimezone: string): ParsedSchedule {
  let tokens = input.trim().split(/\s+/).filter(Boolean);
  if (!tokens.length) throw new ScheduleError("the schedule is empty");
  if (input.length > 200) throw new ScheduleError("the schedule is longer than 200 characters");
  let timezone = defaultTimezone;
  let quiet: QuietHours | undefined;
  // Trailing options: quiet hours and a timezone, in either order.
  for (let changed = true; changed && tokens.length; ) {
    changed = false;
    const last = tokens.at(-1)!;
    if (tokens.length >= 2 && tokens.at(-2)!.toLowerCase() === "quiet") {
      const m = /^([^-]+)-([^-]+)$/.exec(last);
      const start = m ? parseTime(m[1]) : undefined;
      const end = m ? parseTime(m[2]) : undefined;
      if (start === undefined || end === undefined || start === end) {
        throw new ScheduleError(`quiet hours "${last}" must look like 22:00-07:00`);
      }
      quiet = { start, end };
      tokens = tokens.slice(0, -2);
      changed = true;
    } else if (/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$|^UTC$|^GMT$/.test(last)) {
      if (!isTimezone(last))
        throw new ScheduleError(`unknown timezone "${last}" (use an IANA name like Europe/Berlin)`);
      timezone = last;
      tokens = tokens.slice(0, -1);
      changed = true;
    }
  }
  if (!isTimezone(timezone)) throw new ScheduleError(`unknown timezone "${timezone}"`);
  const base = parseBase(tokens);
  checkCron(base.cron, timezone);
  const quietText = quiet ? ` quiet ${hhmm(quiet.start)}-${hhmm(quiet.end)}` : "";
  const parsed: ParsedSchedule = {
    spec: `${base.spec}${quietText}`,
    cron: base.cron,
    timezone,
    ...(quiet ? { quiet } : {}),
    description: base.description,
  };
  if (quiet && !nextSlot(parsed, new Date(0))) {
    throw new ScheduleError("every run of this schedule falls in the quiet hours");
  }
  return parsed;
}

function parseBase(tokens: string[]): { spec: string; cron: string; description: string } {
  const words = tokens.map((t) => t.toLowerCase());
  const joined = tokens.join(" ");
  if (words[0] === "cron" || (tokens.length === 5 && /^[\d*]/.test(tokens[0]))) {
    const fields = words[0] === "cron" ? tokens.slice(1) : tokens;
    if (fields.length !== 5)
      throw new ScheduleError(`a cron expression has five fields, got "${fields.join(" ")}"`);
    const cron = fields.join(" ");
    return { spec: `cron ${cron}`, cron, description: `on cron schedule "${cron}"` };
  }
  if (words[0] === "every" && tokens.length === 2) {
    const m = /^(\d+)\s*(h|m|hours?|minutes?|min)$/.exec(words[1]);
    if (!m) throw new ScheduleError(`"${joined}" — say every 6h or every 30m`);
    const n = Number(m[1]);
    if (m[2].startsWith("h")) {
      if (n < 1 || n > 24 || 24 % n !== 0)
        throw new ScheduleError(`every ${n}h does not divide the day evenly: use 1, 2, 3, 4, 6, 8, 12 or 24`);
      return n === 24
        ? { spec: "daily 00:00", cron: "0 0 * * *", description: "every day at 00:00" }
        : {
            spec: `every ${n}h`,
            cron: `0 */${n} * * *`,
            description: n === 1 ? "every hour" : `every ${n} hours`,
          };
    }
    if (n < 5 || n > 60 || 60 % n !== 0)
      throw new ScheduleError(`every ${n}m: use 5, 10, 15, 20, 30 or 60 minutes`);
    return { spec: `every ${n}m`, cron: `*/${n} * * * *`, description: `every ${n} minutes` };
  }
  const at = words[0] === "at" ? 1 : 0;
  const dayWord =
    words.length === 2 + at
      ? words[at]
      : words.length === 3 + at && words[at] === "every"
        ? words[at + 1]
        : undefined;
  const timeToken = tokens.at(-1)!;
  const time = parseTime(timeToken);
  if (dayWord === undefined || time === undefined) {
    throw new ScheduleError(`cannot read "${joined}": ${notUnderstood(tokens)}`);
  }
  let days: number[] | undefined;
  if (dayWord === "daily" || dayWord === "day") days = [0, 1, 2, 3, 4, 5, 6];
  else if (dayWord === "weekdays" || dayWord === "weekday") days = [1, 2, 3, 4, 5];
  else if (dayWord === "weekends" || dayWord === "weekend") days = [0, 6];
  else days = parseDays(dayWord);
  if (!days?.length) throw new ScheduleError(`"${tokens[at]}" is not daily, weekdays or days like mon,thu`);
  const h = Math.floor(time / 60);
  const min = time % 60;
  const dayField = days.length === 7 ? "*" : days.join(",");
  const label =
    days.length === 7
      ? "daily"
      : days.join(",") === "1,2,3,4,5"
        ? "weekdays"
        : days.join(",") === "0,6"
          ? "weekends"
          : days.map((d) => DAYS[d]).join(",");
  return {
    spec: `${label} ${hhmm(time)}`,
    cron: `${min} ${h} * * ${dayField}`,
    description: `${describeDays(days)} at ${hhmm(time)}`,
  };
}
