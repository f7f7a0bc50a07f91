import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;
const fixture = join(root, "test/fixtures/biden-netanyahu-cnn.txt");

/** Runs `npm start` as a user would, with the commands piped to stdin. */
function npmStart(input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    LOG_LEVEL: "warn",
    DATA_DIR: mkdtempSync(join(tmpdir(), "newsdesk-console-")),
    PORT: "",
  };
  for (const key of [
    "DISCORD_TOKEN",
    "DISCORD_APP_ID",
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "OPENAI_API_KEY",
  ]) {
    env[key] = "";
  }
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["start", "--silent"], { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("console platform (npm start with no token)", () => {
  // Generous timeout: starting tsx on a loaded two-core machine alone can take 15 s.
  it("answers piped commands in order and exits at end of input", { timeout: 120_000 }, async () => {
    const r = await npmStart(
      [
        "/stories",
        `/add ${fixture}`,
        "/summary",
        "/summary no-such-story",
        "/feeds add https://example.com/rss",
        "/who",
        "not a command",
        "/newsdesk help",
        "",
      ].join("\n"),
    );
    expect(r.stderr).not.toMatch(/unexpected error|TypeError/);
    expect(r.code).toBe(0);
    const out = r.stdout;
    const order = [
      "No stories yet",
      "Added as story",
      "Key points",
      'No story matches "no-such-story"',
      "Missing quote",
      "Commands start with a slash",
      "/digest set [schedule]",
    ];
    let at = -1;
    for (const marker of order) {
      const i = out.indexOf(marker, at + 1);
      expect(i, `"${marker}" after position ${at}`).toBeGreaterThan(at);
      at = i;
    }
    // The console user is the admin, so /feeds reaches the feed service (no "only admins").
    expect(out).not.toContain("only admins");
    // No prompt is printed when stdin is not a terminal.
    expect(out).not.toContain("newsdesk>");
  });
});
