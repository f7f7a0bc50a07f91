/**
 * `npm run register-commands`: uploads the slash commands to Discord — the same as
 * `newsdesk register-commands` (src/cli/register-commands.ts), which the Docker image runs too.
 * `npm run register-commands -- --write` regenerates the committed copies instead:
 * src/platforms/discord/commands.json, manifest.json (Slack, `/newsdesk` only) and
 * manifest.aliases.json (Slack with SLACK_COMMAND_ALIASES=true). That part needs the checkout
 * (it writes into it and formats with Biome), so it stays here.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { commandRegistry } from "../commands/registry.js";
import { main } from "../src/cli.js";
import { discordApplicationCommands } from "../src/platforms/discord/command-json.js";
import { slackManifest } from "../src/platforms/slack/manifest.js";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);

if (args.includes("--write")) {
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  writeFileSync(
    `${root}src/platforms/discord/commands.json`,
    json(discordApplicationCommands(commandRegistry)),
  );
  writeFileSync(`${root}manifest.json`, json(slackManifest(commandRegistry)));
  writeFileSync(`${root}manifest.aliases.json`, json(slackManifest(commandRegistry, { aliases: true })));
  // Format as the linter wants, so regenerating never leaves `npm run lint` failing.
  execFileSync(
    "npx",
    [
      "biome",
      "format",
      "--write",
      "src/platforms/discord/commands.json",
      "manifest.json",
      "manifest.aliases.json",
    ],
    {
      cwd: root,
      stdio: "ignore",
    },
  );
  console.log("wrote src/platforms/discord/commands.json, manifest.json and manifest.aliases.json");
} else {
  process.exitCode = await main(["register-commands", ...args]);
}
