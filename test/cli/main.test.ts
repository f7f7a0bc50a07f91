import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = new URL("../../bin/newsdesk.js", import.meta.url).pathname;

async function newsdesk(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("newsdesk command line", () => {
  it("prints help listing the subcommands", async () => {
    const r = await newsdesk(["--help"]);
    expect(r.code).toBe(0);
    for (const name of ["summary", "who", "ask", "extract"]) expect(r.stdout).toContain(name);
  });

  it("rejects an unknown subcommand with exit code 1 and the help", async () => {
    const r = await newsdesk(["frobnicate"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
