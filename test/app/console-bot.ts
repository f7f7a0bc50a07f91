import { PassThrough } from "node:stream";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";

/**
 * The bot in console mode, as `npm start` runs it with piped input: write commands to `stdin`,
 * read what it printed so far with `output()`, end `stdin` and await `app.done` to stop it.
 */
export async function startConsoleBot(env: Record<string, string>): Promise<{
  stdin: PassThrough;
  output: () => string;
  app: RunningNewsdesk;
}> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = "";
  stdout.on("data", (d) => {
    out += d;
  });
  const app = await startNewsdesk({
    config: loadConfig({ LOG_LEVEL: "silent", ...env }),
    stdin,
    stdout,
    interactive: false,
    logger: createLogger("silent"),
  });
  return { stdin, output: () => out, app };
}
