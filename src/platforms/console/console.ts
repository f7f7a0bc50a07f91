import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { parseCommandText } from "../../../commands/parse.js";
import { type ExecuteHooks, executeCommand } from "../../../commands/run.js";
import type { CommandContext, CommandDefinition } from "../../../commands/types.js";
import type { Services } from "../../app/services.js";
import { renderText } from "../../render/text.js";
import { consoleCompleter, HISTORY_SIZE, loadHistory, saveHistory } from "./terminal.js";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Show a prompt (interactive terminal); piped input gets none so output stays clean. */
  interactive: boolean;
  registry: readonly CommandDefinition[];
  services: Services;
  maxTextBytes: number;
  hooks?: ExecuteHooks;
  /** Aborting it (SIGTERM/SIGINT) stops reading; the command in progress finishes first. */
  signal?: AbortSignal;
  /** Interactive only: the history is loaded from and saved to this file (DATA_DIR/console_history). */
  historyFile?: string;
  /** Interactive only: where the logs go instead of the terminal, named in the greeting. */
  logFile?: string;
}

/** The tenant and channel of the local console: one user, who is its admin. */
export const CONSOLE_TENANT = "console";

/**
 * The console platform: `/summary …` typed (or piped) one command per line, plain-text replies,
 * commands run one after another in input order. Resolves at end of input or `/quit`.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { output } = options;
  const ctx: CommandContext = {
    platform: "console",
    tenant: CONSOLE_TENANT,
    channelId: "console",
    userId: "console",
    isAdmin: true,
    services: options.services,
    allowLocalFiles: true,
    maxTextBytes: options.maxTextBytes,
  };
  const { interactive, historyFile } = options;
  // A terminal gets readline's line editor: cursor keys, history (up arrow), Tab completion.
  // Piped input gets none of it, so scripts and tests see exactly their lines and the replies.
  const rl = interactive
    ? createInterface({
        input: options.input,
        output,
        terminal: true,
        prompt: "newsdesk> ",
        history: historyFile ? loadHistory(historyFile) : [],
        historySize: HISTORY_SIZE,
        removeHistoryDuplicates: true,
        completer: consoleCompleter(options.registry),
        crlfDelay: Number.POSITIVE_INFINITY,
      })
    : createInterface({ input: options.input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  if (interactive && historyFile) rl.on("history", (history: string[]) => saveHistory(historyFile, history));
  // In a terminal readline takes Ctrl+C itself: like a shell, it drops the line being typed, and
  // on an empty line it leaves (the same graceful end as /quit or Ctrl+D).
  if (interactive)
    rl.on("SIGINT", () => {
      if (rl.line) {
        output.write("^C\n");
        (rl as unknown as { line: string }).line = "";
        rl.prompt();
      } else rl.close();
    });
  options.signal?.addEventListener("abort", () => rl.close(), { once: true });
  const prompt = () => {
    if (interactive) rl.prompt();
  };
  if (interactive) {
    output.write(
      "Newsdesk console. Type /newsdesk help, or /quit to leave. Tab completes, ↑ recalls earlier commands.\n",
    );
    if (options.logFile) output.write(`Logs go to ${options.logFile}.\n`);
  }
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) {
      prompt();
      continue;
    }
    if (line === "/quit" || line === "/exit") break;
    const match = /^\/(\S+)\s*([\s\S]*)$/.exec(line);
    if (!match) {
      output.write("Commands start with a slash, e.g. /summary or /newsdesk help.\n");
    } else {
      const command = match[1]!.toLowerCase();
      const invocation = parseCommandText(options.registry, command, match[2]!);
      const reply = await executeCommand(ctx, options.registry, invocation, options.hooks);
      output.write(`${renderText(reply)}\n`);
    }
    prompt();
  }
  rl.close();
}
