/**
 * `npm run register-commands`: uploads the slash commands to Discord — to DISCORD_DEV_GUILD_ID
 * when set (instant, for development), otherwise globally (production).
 * `npm run register-commands -- --write` regenerates the committed copies instead:
 * src/platforms/discord/commands.json and manifest.json (Slack).
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { REST } from "discord.js";
import { config as loadDotenv } from "dotenv";
import { commandRegistry } from "../commands/registry.js";
import { loadConfig } from "../src/config.js";
import { discordCommandJson } from "../src/platforms/discord/command-json.js";
import { slackManifest } from "../src/platforms/slack/manifest.js";

const { values } = parseArgs({ options: { write: { type: "boolean", default: false } } });
const root = new URL("..", import.meta.url).pathname;

if (values.write) {
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  writeFileSync(`${root}src/platforms/discord/commands.json`, json(discordCommandJson(commandRegistry)));
  writeFileSync(`${root}manifest.json`, json(slackManifest(commandRegistry)));
  // Format as the linter wants, so regenerating never leaves `npm run lint` failing.
  execFileSync(
    "npx",
    ["biome", "format", "--write", "src/platforms/discord/commands.json", "manifest.json"],
    {
      cwd: root,
      stdio: "ignore",
    },
  );
  console.log("wrote src/platforms/discord/commands.json and manifest.json");
} else {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID) {
    console.error("register-commands: set DISCORD_TOKEN and DISCORD_APP_ID (see .env.example)");
    process.exit(1);
  }
  const rest = new REST({
    version: "10",
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
  });
  rest.setToken(config.DISCORD_TOKEN);
  const guild = config.DISCORD_DEV_GUILD_ID;
  const route = guild
    ? `/applications/${config.DISCORD_APP_ID}/guilds/${guild}/commands`
    : `/applications/${config.DISCORD_APP_ID}/commands`;
  const body = discordCommandJson(commandRegistry);
  await rest.put(route as `/${string}`, { body });
  console.log(
    `registered ${body.length} commands ${guild ? `in guild ${guild}` : "globally (may take up to an hour to appear)"}`,
  );
}
