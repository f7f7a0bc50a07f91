import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Completer } from "node:readline";
import type { Action, CommandDefinition } from "../../../commands/types.js";

/** Lines kept in the console's history file (like a shell's HISTSIZE). */
export const HISTORY_SIZE = 500;
/**
 * Longer entries stay in this session's memory but are not written out: a pasted article after
 * /add would otherwise fill the file with article text.
 */
const HISTORY_MAX_LINE = 2000;

/** The saved history, newest first as readline wants it; none when the file does not exist yet. */
export function loadHistory(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(-HISTORY_SIZE)
    .reverse();
}

/**
 * Writes readline's history (newest first) oldest first, one entry a line, capped. Entries are
 * trimmed (a completed word leaves a trailing space) and kept once, at their newest place.
 */
export function saveHistory(file: string, newestFirst: readonly string[]): void {
  const kept = new Set<string>();
  for (const entry of newestFirst) {
    const line = entry.trim();
    if (line && line.length <= HISTORY_MAX_LINE && !line.includes("\n")) kept.add(line);
  }
  const lines = [...kept].slice(0, HISTORY_SIZE).reverse();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, lines.length ? `${lines.join("\n")}\n` : "", { mode: 0o600 });
}

/**
 * Tab completion from the command registry, the same definitions every platform uses: command
 * names after "/", a group's subcommands after its name, then `name:` for the options the
 * command (or subcommand) takes. Console-only words (/quit) complete too.
 */
export function consoleCompleter(registry: readonly CommandDefinition[]): Completer {
  const names = [...registry.map((c) => c.name), "quit"];
  return (line: string) => {
    const first = /^\/?(\S*)$/.exec(line);
    if (first) {
      const typed = first[1]!.toLowerCase();
      return [names.filter((n) => n.startsWith(typed)).map((n) => `/${n} `), line];
    }
    const words = /^\/(\S+)\s+(?:(\S+)\s+)?/.exec(line);
    const def = words && registry.find((c) => c.name === words[1]!.toLowerCase());
    if (!def) return [[], line];
    const last = /(\S*)$/.exec(line)![1]!;
    if (def.kind === "group") {
      const onSubcommand = /^\/\S+\s+\S*$/.test(line);
      if (onSubcommand)
        return [def.subcommands.filter((s) => s.name.startsWith(last)).map((s) => `${s.name} `), last];
    }
    const action: Action | undefined =
      def.kind === "leaf" ? def : def.subcommands.find((s) => s.name === words[2]?.toLowerCase());
    if (!action || last.includes(":")) return [[], last];
    return [action.options.filter((o) => o.name.startsWith(last)).map((o) => `${o.name}:`), last];
  };
}
