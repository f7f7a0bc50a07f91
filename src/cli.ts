import { askCommand } from "./cli/ask.js";
import { digestCommand } from "./cli/digest.js";
import { extractCommand } from "./cli/extract.js";
import { feedCommand } from "./cli/feed.js";
import { startCommand } from "./cli/start.js";
import { summaryCommand } from "./cli/summary.js";
import { type CliCommand, type CliIO, UserError } from "./cli/types.js";
import { whoCommand } from "./cli/who.js";

/** Every `newsdesk` subcommand, in the order `--help` lists them. */
export const cliCommands: readonly CliCommand[] = [
  startCommand,
  summaryCommand,
  whoCommand,
  askCommand,
  extractCommand,
  feedCommand,
  digestCommand,
];

export function helpText(): string {
  const width = Math.max(...cliCommands.map((c) => c.name.length));
  return [
    "newsdesk — reads the news for a team: key points, attributed quotes, open questions.",
    "",
    "Usage: newsdesk <command> [options]",
    "",
    ...cliCommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `newsdesk <command> --help` for a command's options.",
  ].join("\n");
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(`${helpText()}\n`);
    return name ? 0 : 1;
  }
  const command = cliCommands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`newsdesk: unknown command "${name}"\n\n${helpText()}\n`);
    return 1;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UserError) {
      io.stderr.write(`newsdesk ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof Error && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS")) {
      io.stderr.write(`newsdesk ${name}: ${err.message}\n\n${command.usage}\n`);
      return 1;
    }
    io.stderr.write(
      `newsdesk ${name}: unexpected error: ${err instanceof Error ? err.stack : String(err)}\n`,
    );
    return 2;
  }
}

function defaultIO(): CliIO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}
