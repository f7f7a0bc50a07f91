import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";

function io(env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => {
    out += d;
  });
  stderr.on("data", (d) => {
    err += d;
  });
  return { io: { stdin: new PassThrough(), stdout, stderr, env }, text: () => ({ out, err }) };
}

describe("newsdesk start", () => {
  const cases: { name: string; env: Record<string, string>; says: RegExp }[] = [
    {
      name: "Slack HTTP mode without PORT",
      env: { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" },
      says: /PORT: required for Slack HTTP mode/,
    },
    { name: "Discord token without app id", env: { DISCORD_TOKEN: "t" }, says: /DISCORD_APP_ID: required/ },
    { name: "a bad timezone", env: { DEFAULT_TIMEZONE: "Mars/Olympus" }, says: /unknown IANA timezone/ },
  ];
  for (const c of cases) {
    it(`refuses ${c.name} with a clear message`, async () => {
      const { io: streams, text } = io(c.env);
      const code = await main(["start"], streams);
      expect(code).toBe(1);
      expect(text().err).toMatch(c.says);
      expect(text().err).not.toMatch(/at .*\.ts:\d+/);
    });
  }
});
