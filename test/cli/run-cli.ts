import { PassThrough } from "node:stream";
import { main } from "../../src/cli.js";

/** Runs `newsdesk <args>` in process with real streams; returns the exit code and what it printed. */
export async function runCli(args: string[], stdin = "", env: Record<string, string> = {}) {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env };
  let out = "";
  let err = "";
  io.stdout.on("data", (d) => {
    out += d;
  });
  io.stderr.on("data", (d) => {
    err += d;
  });
  io.stdin.end(stdin);
  const code = await main(args, io);
  return { code, out, err };
}
