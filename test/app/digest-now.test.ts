import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startConsoleBot } from "./console-bot.js";

const root = new URL("../../", import.meta.url).pathname;
const fixture = join(root, "test/fixtures/biden-netanyahu-cnn.txt");
const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-digest-now-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the console bot on the SQLite file in `dataDir` over `lines`; returns what it printed. */
async function consoleRun(lines: string[]): Promise<string> {
  const bot = await startConsoleBot({ DATA_DIR: dataDir });
  bot.stdin.end(`${lines.join("\n")}\n`);
  await bot.app.done;
  return bot.output();
}

const ARTICLE =
  "The city council met on Monday and approved a budget for twelve new schools. Officials said work starts in March.";

describe("/digest now on the real store", () => {
  it("marks what it posted as shown, across restarts", { timeout: 60_000 }, async () => {
    const first = await consoleRun([`/add ${fixture}`, "/digest now", "/digest now"]);
    const posted = first.split("Digest posted");
    expect(posted).toHaveLength(2);
    expect(first).toMatch(/Digest posted\n=+\n1 story\./);
    expect(first).toContain("No digest posted");
    // A restart reads what was shown from the store: still nothing new, until a new story arrives.
    const second = await consoleRun(["/digest now", `/add ${ARTICLE}`, "/digest now"]);
    expect(second.indexOf("No digest posted")).toBeGreaterThanOrEqual(0);
    expect(second.indexOf("No digest posted")).toBeLessThan(second.indexOf("Digest posted"));
    expect(second).toContain("twelve new schools");
    expect(second).not.toMatch(/Netanyahu/);
  });
});
