import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliCommands, helpText } from "../../src/cli.js";
import { startDiscordStandIn } from "../platforms/discord-standin.js";
import { runCli } from "./run-cli.js";

const run = promisify(execFile);
const bin = new URL("../../bin/newsdesk.js", import.meta.url).pathname;
const committed = JSON.parse(
  readFileSync(new URL("../../src/platforms/discord/commands.json", import.meta.url), "utf8"),
) as unknown[];

async function newsdesk(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let standIn: Awaited<ReturnType<typeof startDiscordStandIn>>;
beforeAll(async () => {
  standIn = await startDiscordStandIn({ validToken: "the-token" });
});
afterAll(() => standIn?.close());

describe("newsdesk help without loading the commands", () => {
  it("lists each subcommand with the summary its own module gives", async () => {
    for (const [name, entry] of Object.entries(cliCommands)) {
      const command = await entry.load();
      expect(command.name).toBe(name);
      expect(entry.summary, name).toBe(command.summary);
      const line = helpText()
        .split("\n")
        .find((l) => l.trim().split(/\s+/)[0] === name);
      expect(line?.endsWith(`  ${command.summary}`), name).toBe(true);
    }
  });

  it("prints each subcommand's --help from the usage table, the usage its own module gives", async () => {
    for (const [name, entry] of Object.entries(cliCommands)) {
      const { usage } = await entry.load();
      expect(usage, name).toMatch(new RegExp(`^Usage: newsdesk ${name}`));
      for (const flag of ["--help", "-h"]) {
        const r = await runCli([name, flag]);
        expect([name, flag, r.code, r.out]).toEqual([name, flag, 0, `${usage}\n`]);
      }
    }
  });
});

describe("newsdesk register-commands", () => {
  it("uploads the committed command JSON to the dev guild", async () => {
    const r = await newsdesk(["register-commands"], {
      DISCORD_TOKEN: "the-token",
      DISCORD_APP_ID: "200",
      DISCORD_API_URL: standIn.apiUrl,
      DISCORD_DEV_GUILD_ID: "400",
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`registered ${committed.length} commands in guild 400\n`);
    const put = standIn.calls.find((c) => c.method === "PUT");
    expect(put?.path).toBe("/applications/200/guilds/400/commands");
    expect(put?.body).toEqual(committed);
  });

  it("says which setting is wrong, in one line, when Discord refuses the token", async () => {
    const r = await newsdesk(["register-commands"], {
      DISCORD_TOKEN: "stale",
      DISCORD_APP_ID: "200",
      DISCORD_API_URL: standIn.apiUrl,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^newsdesk register-commands: Discord rejected DISCORD_TOKEN \(401 Unauthorized\)/,
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("prints the Slack manifest, with --aliases every command under its own name too", async () => {
    const manifest = (path: string) =>
      JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), "utf8"));
    const uploads = standIn.calls.length;
    const plain = await newsdesk(["register-commands", "--slack-manifest"], {});
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout)).toEqual(manifest("manifest.json"));
    const aliased = await newsdesk(["register-commands", "--slack-manifest", "--aliases"], {});
    expect(JSON.parse(aliased.stdout)).toEqual(manifest("manifest.aliases.json"));
    expect(aliased.stdout).toContain('"/who"');
    expect(plain.stdout).not.toContain('"/who"');
    // It needs no token and talks to no one.
    expect(standIn.calls.length).toBe(uploads);
  });

  it("needs the token and application id", async () => {
    const r = await newsdesk(["register-commands"], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/set DISCORD_TOKEN and DISCORD_APP_ID/);
  });
});
