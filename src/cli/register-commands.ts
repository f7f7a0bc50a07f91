import { parseArgs } from "node:util";
import { config as loadDotenv } from "dotenv";
import { commandRegistry } from "../../commands/registry.js";
import { explainStartFailure, PlatformStartError } from "../app/start-errors.js";
import { ConfigError, loadConfig } from "../config.js";
import { discordApplicationCommands } from "../platforms/discord/command-json.js";
import { slackManifest } from "../platforms/slack/manifest.js";
import { type CliCommand, UserError } from "./types.js";
import { usages } from "./usage.js";

const usage = usages["register-commands"];

/**
 * `newsdesk register-commands` (and `npm run register-commands`): the one-off upload a Discord
 * application needs before its commands show. Part of the CLI rather than a tsx script so that the
 * image, which ships compiled JavaScript only, can run it.
 */
export const registerCommandsCommand: CliCommand = {
  name: "register-commands",
  summary: "upload the slash commands to Discord; --slack-manifest prints Slack's manifest",
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { "slack-manifest": { type: "boolean" }, aliases: { type: "boolean" } },
    });
    if (values.aliases && !values["slack-manifest"])
      throw new UserError("--aliases goes with --slack-manifest");
    if (values["slack-manifest"]) {
      const manifest = slackManifest(commandRegistry, { aliases: !!values.aliases });
      io.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
      return 0;
    }
    if (io.env === process.env) loadDotenv({ quiet: true });
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig(io.env);
    } catch (err) {
      if (err instanceof ConfigError) throw new UserError(err.message);
      throw err;
    }
    if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID) {
      throw new UserError("set DISCORD_TOKEN and DISCORD_APP_ID (see .env.example)");
    }
    // discord.js loads only here: the rest of the command line never needs it.
    const { REST } = await import("discord.js");
    // No retries: a wrong token or an unreachable host should fail at once, with its reason.
    const rest = new REST({
      version: "10",
      retries: 0,
      ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
    });
    rest.setToken(config.DISCORD_TOKEN);
    const guild = config.DISCORD_DEV_GUILD_ID;
    const route = guild
      ? `/applications/${config.DISCORD_APP_ID}/guilds/${guild}/commands`
      : `/applications/${config.DISCORD_APP_ID}/commands`;
    const body = discordApplicationCommands(commandRegistry);
    try {
      await rest.put(route as `/${string}`, { body });
    } catch (err) {
      const line = explainStartFailure(new PlatformStartError("discord", err), config);
      throw line ? new UserError(line) : err;
    }
    io.stdout.write(
      `registered ${body.length} commands ${guild ? `in guild ${guild}` : "globally (may take up to an hour to appear)"}\n`,
    );
    return 0;
  },
};
