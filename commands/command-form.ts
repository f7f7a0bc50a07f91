import type { Reply } from "../src/render/reply.js";

/**
 * How a workspace types Newsdesk's commands. `direct` is `/who …` (Discord, where command names
 * are scoped to the app; the console; Slack with SLACK_COMMAND_ALIASES=true). `newsdesk` is
 * `/newsdesk who …`: Slack's slash commands are global to a workspace, so by default the app
 * registers only its own name there and reaches every command through it (ADR 0059).
 */
export type CommandForm = "direct" | "newsdesk";

/** The one command Slack always registers; its first word names the command to run. */
export const TOP_LEVEL_COMMAND = "newsdesk";

/** `/who` or `/newsdesk who` — how to type `command` in this form. */
export function slashOf(command: string, form: CommandForm = "direct"): string {
  return form === "newsdesk" && command !== TOP_LEVEL_COMMAND
    ? `/${TOP_LEVEL_COMMAND} ${command}`
    : `/${command}`;
}

/**
 * Rewrites `/who`, `/stories …` in Newsdesk's own words (hints, usage, examples) to the form the
 * workspace types. Only a slash that starts a word and names a registered command is rewritten,
 * so a URL path like `https://example.com/who` stays as it is.
 */
export function inCommandForm(text: string, names: readonly string[], form: CommandForm): string {
  if (form === "direct" || !text.includes("/")) return text;
  const others = names.filter((n) => n !== TOP_LEVEL_COMMAND);
  if (!others.length) return text;
  const pattern = new RegExp(`(^|[\\s("'“‘\`])\\/(${others.join("|")})(?![\\w/-]|\\.\\w)`, "g");
  return text.replace(pattern, (_m, before: string, name: string) => `${before}${slashOf(name, form)}`);
}

/**
 * A reply with its hints in the workspace's form. Only Newsdesk's own words are touched: the
 * footer (hints, small print) and, for errors, the message and title; a brief's key points and
 * quotes are the article's words and are left alone.
 */
export function replyInCommandForm(reply: Reply, names: readonly string[], form: CommandForm): Reply {
  if (form === "direct") return reply;
  const fix = (s: string | undefined) => (s === undefined ? s : inCommandForm(s, names, form));
  const out: Reply = { ...reply, footer: fix(reply.footer) };
  if (reply.tone === "error") {
    out.title = fix(reply.title);
    out.intro = fix(reply.intro);
  }
  return out;
}
