import type { CliCommand, CliIO } from "./cli/types.js";
import { UserError } from "./cli/types.js";
import { LocalInputError } from "./ingest/local-input-error.js";

/**
 * Every `newsdesk` subcommand, in the order `--help` lists them, with its help line. Each module
 * loads only when its command runs — `--help` and `<command> --help` (src/cli/usage.ts) load none,
 * and `newsdesk start` never loads the HTML extractor, the feed parser or the fetcher.
 * test/cli/register-commands.test.ts checks each line against the module's own `summary`, and
 * each usage against the module's own `usage`.
 */
export const cliCommands: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  start: {
    summary: "run the bot (Discord, Slack, or the console when no token is set)",
    load: async () => (await import("./cli/start.js")).startCommand,
  },
  summary: {
    summary: "key points, attributed quotes and open questions of an article",
    load: async () => (await import("./cli/summary.js")).summaryCommand,
  },
  who: {
    summary: "who said a quote (from a fragment), or the quotes of a speaker",
    load: async () => (await import("./cli/who.js")).whoCommand,
  },
  ask: {
    summary: "answer a question from an article, citing its sentences",
    load: async () => (await import("./cli/ask.js")).askCommand,
  },
  extract: {
    summary: "the clean article text and metadata of an HTML page (file, URL or stdin)",
    load: async () => (await import("./cli/extract.js")).extractCommand,
  },
  feed: {
    summary: "dry run of a feed: the items Newsdesk would ingest from it",
    load: async () => (await import("./cli/feed.js")).feedCommand,
  },
  digest: {
    summary: "preview, schedule and run the scheduled channel digests",
    load: async () => (await import("./cli/digest.js")).digestCommand,
  },
  "register-commands": {
    summary: "upload the slash commands to Discord; --slack-manifest prints Slack's manifest",
    load: async () => (await import("./cli/register-commands.js")).registerCommandsCommand,
  },
};

export function helpText(): string {
  const names = Object.keys(cliCommands);
  const width = Math.max(...names.map((n) => n.length));
  return [
    "newsdesk — reads the news for a team: key points, attributed quotes, open questions.",
    "",
    "Usage: newsdesk <command> [options]",
    "",
    ...names.map((n) => `  ${n.padEnd(width)}  ${cliCommands[n]!.summary}`),
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
  const load = Object.hasOwn(cliCommands, name) ? cliCommands[name]!.load : undefined;
  if (!load) {
    io.stderr.write(`newsdesk: unknown command "${name}"\n\n${helpText()}\n`);
    return 1;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    // From the usage table, without loading the command (and the extractor, fetcher or store it needs).
    const { usages } = await import("./cli/usage.js");
    io.stdout.write(`${usages[name as keyof typeof usages]}\n`);
    return 0;
  }
  const command = await load();
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UserError || err instanceof LocalInputError) {
      io.stderr.write(`newsdesk ${name}: ${err.message}\n`);
      return err instanceof UserError ? err.exitCode : 1;
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
