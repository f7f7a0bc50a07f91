import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { openSqlite } from "../../src/store/index.js";
import { addStory } from "./helpers.js";

const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-cli-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function newsdesk(args: string[]) {
  let stdout = "";
  let stderr = "";
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await main(args, {
    stdin: new PassThrough(),
    stdout: sink((s) => {
      stdout += s;
    }),
    stderr: sink((s) => {
      stderr += s;
    }),
    env: { DATA_DIR: dataDir, LOG_LEVEL: "silent", DEFAULT_TIMEZONE: "Europe/Berlin" },
  });
  return { code, stdout, stderr };
}

describe("newsdesk digest", () => {
  it("parses a schedule and echoes it with the next run", async () => {
    const r = await newsdesk(["digest", "--parse", "weekdays 07:30", "--at", "2024-11-29T12:00:00Z"]);
    expect(r).toMatchObject({
      code: 0,
      stdout: "every weekday at 07:30 Europe/Berlin — next: Mon 2 Dec 07:30\n",
    });
  });

  it("explains a bad schedule with an example", async () => {
    const r = await newsdesk(["digest", "--parse", "sometimes"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read "sometimes".*Examples: daily 08:00/);
  });

  it("schedules a channel, previews its digest, runs it once and shows the status", async () => {
    const set = await newsdesk([
      "digest",
      "--schedule",
      "C-news",
      "daily 08:00",
      "--tenant",
      "console:local",
      "--at",
      "2026-03-02T06:00:00Z",
    ]);
    expect(set.stdout).toBe("Digest for C-news: every day at 08:00 Europe/Berlin — next: Mon 2 Mar 08:00\n");

    const store = await openSqlite(join(dataDir, "newsdesk.db"));
    const [channel] = await store.worker.findChannels("C-news");
    await addStory(store, channel.tenantId, { channelId: channel.id }, new Date("2026-03-02T06:30:00Z"), {
      title: "Harbour reopens",
    });
    await store.close();

    const preview = await newsdesk(["digest", "--preview", "C-news", "--at", "2026-03-02T06:40:00Z"]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain("News digest — Mon 2 Mar 08:00");
    expect(preview.stdout).toContain("Harbour reopens:");
    expect(preview.stdout).toContain("“We will decide soon,” — the mayor");

    const early = await newsdesk(["digest", "--run-once", "--at", "2026-03-02T06:50:00Z"]);
    expect(early.stdout).toBe("");
    const run = await newsdesk(["digest", "--run-once", "--at", "2026-03-02T07:00:10Z"]);
    expect(run.stdout).toContain("Harbour reopens");
    expect(JSON.parse(run.stderr)).toMatchObject({ claimed: 1, posted: 1 });
    const again = await newsdesk(["digest", "--run-once", "--at", "2026-03-02T07:00:20Z"]);
    expect(again.stdout).toBe("");

    const status = await newsdesk(["digest", "--status", "C-news"]);
    expect(status.stdout).toMatch(
      /C-news: every day at 08:00 Europe\/Berlin\nnext: 2026-03-03T07:00:00.000Z\n {2}2026-03-02T07:00:00.000Z {2}posted console-/,
    );
  });

  it("says which channel it does not know", async () => {
    const r = await newsdesk(["digest", "--preview", "C-missing"]);
    expect(r).toMatchObject({ code: 1 });
    expect(r.stderr).toMatch(/no channel "C-missing"/);
  });
});
