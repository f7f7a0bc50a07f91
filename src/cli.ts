import type { CliCommand, CliIO } from "./cli/types.js";
import { UserError } from "./cli/types.js";

/**
 * Every `newsdesk` subcommand, in the order `--help` lists them. Each module loads only when its
 * command runs, so `newsdesk start` never loads the HTML extractor, the feed parser or the fetcher.
 */
const cliCommandLoaders: Record<string, () => Promise<CliCommand>> = {
  start: async () => (await import("./cli/start.js")).startCommand,
  summary: async () => (await import("./cli/summary.js")).summaryCommand,
  who: async () => (await import("./cli/who.js")).whoCommand,
  ask: async () => (await import("./cli/ask.js")).askCommand,
  extract: async () => (await import("./cli/extract.js")).extractCommand,
  feed: async () => (await import("./cli/feed.js")).feedCommand,
  digest: async () => (await import("./cli/digest.js")).digestCommand,
};

export async function helpText(): Promise<string> {
  const commands = await Promise.all(Object.values(cliCommandLoaders).map((load) => load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "newsdesk — reads the news for a team: key points, attributed quotes, open questions.",
    "",
    "Usage: newsdesk <command> [options]",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `newsdesk <command> --help` for a command's options.",
  ].join("\n");
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(`${await helpText()}\n`);
    return name ? 0 : 1;
  }
  const load = Object.hasOwn(cliCommandLoaders, name) ? cliCommandLoaders[name] : undefined;
  if (!load) {
    io.stderr.write(`newsdesk: unknown command "${name}"\n\n${await helpText()}\n`);
    return 1;
  }
  const command = await load();
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
