import { describe, expect, it } from "vitest";
import { postgresReachable, TEST_PG_URL } from "../store/backends.js";
import { type Kill, runSweep, sweepBackend } from "./crash-sweep.js";

const pgUp = await postgresReachable();
if (!pgUp) console.warn(`PostgreSQL not reachable at ${TEST_PG_URL}: the PostgreSQL crash sweep is SKIPPED`);

/**
 * Kill positions over 41 channels × 3 days (123 digests, eight posts in flight): the very first
 * post, the middle of the first concurrent batch, the next batch, two kills in a row on either
 * side of one post (the second hits the restarted worker), and after the final digest. The full
 * sweep over every position is `npx tsx scripts/crash-sweep.ts`.
 */
const SLACK_KILLS: Kill[] = [
  { n: 1, when: "before" },
  { n: 4, when: "after" },
  { n: 9, when: "before" },
  { n: 47, when: "after" },
  { n: 48, when: "before" },
  { n: "last", when: "after" },
];

describe("kill -9 at posts across a multi-day run, restart, and count deliveries", () => {
  for (const name of ["sqlite", "postgres"] as const) {
    it.skipIf(name === "postgres" && !pgUp)(
      `Slack on ${name}: no digest twice, none lost`,
      async () => {
        const result = await runSweep({
          backend: await sweepBackend(name),
          poster: "slack",
          channels: 41,
          days: 3,
          kills: SLACK_KILLS,
        });
        console.info(`crash sweep slack/${name}: ${JSON.stringify(result)}`);
        expect(result).toMatchObject({ expected: 123, posted: 123, duplicates: 0, lost: 0, wrongIds: 0 });
        expect(result.kills).toBe(SLACK_KILLS.length);
      },
      120_000,
    );
  }

  it("console on sqlite: a digest printed before the kill is never printed again, none lost", async () => {
    const kills: Kill[] = [
      { n: 1, when: "after" },
      { n: 45, when: "after" },
      { n: "last", when: "after" },
    ];
    const result = await runSweep({
      backend: await sweepBackend("sqlite"),
      poster: "console",
      channels: 41,
      days: 2,
      kills,
    });
    console.info(`crash sweep console/sqlite: ${JSON.stringify(result)}`);
    // The print receipts decide for runs resumed from "posting" (ADR 0024).
    expect(result).toMatchObject({ expected: 82, posted: 82, duplicates: 0, lost: 0 });
    expect(result.kills).toBe(kills.length);
  }, 120_000);
});
