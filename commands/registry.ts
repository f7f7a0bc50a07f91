import { addCommand } from "./add.js";
import { askCommand } from "./ask.js";
import { digestCommand } from "./digest.js";
import { feedsCommand } from "./feeds.js";
import { newsdeskCommand } from "./newsdesk.js";
import { questionsCommand } from "./questions.js";
import { quotesCommand } from "./quotes.js";
import { storiesCommand } from "./stories.js";
import { summaryCommand } from "./summary.js";
import type { CommandDefinition } from "./types.js";
import { whoCommand } from "./who.js";

/**
 * Every slash command, in the order help lists them. Discord's command JSON
 * (src/platforms/discord/commands.json) and Slack's manifest.json are generated from this list;
 * test/commands/registry.test.ts fails when either drifts.
 */
export const commandRegistry: readonly CommandDefinition[] = [
  summaryCommand,
  whoCommand,
  askCommand,
  quotesCommand,
  questionsCommand,
  addCommand,
  storiesCommand,
  feedsCommand,
  digestCommand,
  newsdeskCommand,
];
