import type { Readable, Writable } from "node:stream";

/** Streams a subcommand talks to; tests pass their own. */
export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
}

/** One `newsdesk <name>` subcommand. */
export interface CliCommand {
  name: string;
  /** One line for `newsdesk --help`. */
  summary: string;
  /** Full usage text for `newsdesk <name> --help`. */
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** An error whose message is meant for the user as it is (no stack trace). */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "UserError";
  }
}
