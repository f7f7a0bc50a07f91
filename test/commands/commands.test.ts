import { describe, expect, it } from "vitest";
import { parseCommandText } from "../../commands/parse.js";
import { commandRegistry } from "../../commands/registry.js";
import { executeCommand, type Outcome } from "../../commands/run.js";
import { renderText } from "../../src/render/text.js";
import { ARTICLE, briefWithQuotes, contextFor } from "./helpers.js";

describe("parseCommandText", () => {
  const cases: { text: string; command: string; expected: object }[] = [
    { command: "who", text: "it's looking tough", expected: { options: { quote: "it's looking tough" } } },
    { command: "summary", text: "", expected: { options: {} } },
    {
      command: "feeds",
      text: "add https://example.com/feed.xml",
      expected: { subcommand: "add", options: { url: "https://example.com/feed.xml" } },
    },
    {
      command: "digest",
      text: "set daily 08:00 timezone:Europe/Berlin",
      expected: { subcommand: "set", options: { schedule: "daily 08:00", timezone: "Europe/Berlin" } },
    },
    {
      command: "ask",
      text: 'what did Kirby say? story:"ab12 cd"',
      expected: { options: { question: "what did Kirby say?", story: "ab12 cd" } },
    },
    {
      command: "feeds",
      text: "list extra words",
      expected: { subcommand: "list", options: { _extra: "extra words" } },
    },
  ];
  for (const c of cases) {
    it(`/${c.command} ${c.text}`, () => {
      expect(parseCommandText(commandRegistry, c.command, c.text)).toMatchObject({
        command: c.command,
        ...c.expected,
      });
    });
  }
});

async function run(text: string, overrides = {}, options = {}) {
  const ctx = await contextFor(overrides, options);
  const [command, ...rest] = text.replace(/^\//, "").split(" ");
  const outcomes: Outcome[] = [];
  const reply = await executeCommand(
    ctx,
    commandRegistry,
    parseCommandText(commandRegistry, command!, rest.join(" ")),
    {
      onDone: (_n, o) => outcomes.push(o),
    },
  );
  return { reply, text: renderText(reply), outcome: outcomes[0], ctx };
}

describe("bad input gets a clear private reply", () => {
  const cases: { text: string; outcome: Outcome; says: RegExp; admin?: boolean }[] = [
    { text: "/nope", outcome: "user_error", says: /Unknown command \/nope/ },
    { text: "/who", outcome: "user_error", says: /Missing quote.*Usage: \/who <quote>/s },
    {
      text: "/ask",
      outcome: "user_error",
      says: /Missing question: What you want to know, e\.g\. [^\n]*last\?\n/,
    },
    {
      text: `/who ${"x".repeat(501)}`,
      outcome: "user_error",
      says: /too long: 501 characters, the limit is 500/,
    },
    {
      text: "/summary nothing-like-this",
      outcome: "user_error",
      says: /No story matches "nothing-like-this".*\/stories/s,
    },
    { text: "/questions", outcome: "user_error", says: /There are no stories yet.*\/add/s },
    { text: "/feeds add https://e.com/rss", outcome: "denied", says: /only admins/ },
    { text: "/digest set daily 08:00", outcome: "denied", says: /only admins/ },
    { text: "/digest", outcome: "user_error", says: /needs one of: set, now, off, mute, unmute, show/ },
    {
      text: "/feeds",
      outcome: "user_error",
      says: /needs one of: add, mode, filter, remove, list, test, import, export.*Example: \/feeds add https:\/\/example\.com\/feed\.xml/s,
    },
    { text: "/feeds frob", outcome: "user_error", says: /has no "frob"/ },
    { text: "/stories count:99", outcome: "user_error", says: /count must be from 1 to 25/ },
    { text: "/stories count:many", outcome: "user_error", says: /count must be a whole number/ },
    { text: "/add hello", outcome: "user_error", says: /too short to be an article/ },
    { text: "/add https://example.com/a", outcome: "user_error", says: /Fetching URLs is not available/ },
    { text: "/feeds list now", outcome: "user_error", says: /Unexpected text "now"/ },
    {
      text: "/digest now",
      outcome: "user_error",
      says: /Digests cannot be posted from here.*Run the bot on Discord or Slack/s,
      admin: true,
    },
  ];
  for (const c of cases) {
    it(c.text.slice(0, 40), async () => {
      const r = await run(c.text, { isAdmin: c.admin ?? false });
      expect(r.outcome).toBe(c.outcome);
      expect(r.reply.ephemeral).toBe(true);
      expect(r.text).toMatch(c.says);
    });
  }

  it("hides an unexpected failure behind a generic message and reports it", async () => {
    const ctx = await contextFor();
    ctx.services.stories.list = async () => {
      throw new Error("database password is hunter2");
    };
    const errors: unknown[] = [];
    const reply = await executeCommand(
      ctx,
      commandRegistry,
      { command: "stories", options: {} },
      {
        onError: (e) => errors.push(e),
      },
    );
    expect(renderText(reply)).toMatch(/Something went wrong while running \/stories/);
    expect(renderText(reply)).not.toContain("hunter2");
    expect(errors).toHaveLength(1);
  });
});

describe("commands over stories", () => {
  it("adds pasted text with the real engine, then lists and summarises it", async () => {
    const ctx = await contextFor();
    const exec = (command: string, text: string) =>
      executeCommand(ctx, commandRegistry, parseCommandText(commandRegistry, command, text));
    const added = renderText(await exec("add", ARTICLE));
    const id = /Added as story (\w+)/.exec(added)?.[1];
    expect(id).toBeTruthy();
    expect(renderText(await exec("stories", ""))).toContain(id!);
    const summary = await exec("summary", id!);
    expect(summary.tone).toBe("info");
    expect(renderText(summary)).toContain(`story ${id}`);
    expect(renderText(await exec("summary", "no-such-story"))).toMatch(
      /No story matches "no-such-story".*\/stories/s,
    );
  });

  it("answers /who, /quotes and /ask with the question engine over the article", async () => {
    const ctx = await contextFor();
    const exec = async (command: string, text: string) =>
      renderText(
        await executeCommand(ctx, commandRegistry, parseCommandText(commandRegistry, command, text)),
      );
    await exec("add", ARTICLE);
    expect(await exec("who", "looking tough")).toMatch(/John Kirby said it.*“It's looking tough right now/s);
    expect(await exec("who", "completely unrelated words")).toMatch(/No quote matches/);
    // Typed in quotation marks, the fragment is shown quoted once, not twice.
    const unquoted = await exec("who", '"completely unrelated words"');
    expect(unquoted).toContain("close to “completely unrelated words”.");
    expect(unquoted).not.toContain('""');
    expect(await exec("quotes", "Kirby")).toMatch(/By Kirby:.*John Kirby/s);
    expect(await exec("ask", "where did the ceasefire talks resume?")).toMatch(/Cairo/);
    expect(await exec("ask", "what is the capital of Peru?")).toMatch(/The stories do not say/);
  });

  it("lists the brief's quotes and open questions (a model's brief, here a fixed one)", async () => {
    const ctx = await contextFor({}, { summarise: async (i) => briefWithQuotes(i.title ?? "Cairo talks") });
    const exec = async (command: string, text: string) =>
      renderText(
        await executeCommand(ctx, commandRegistry, parseCommandText(commandRegistry, command, text)),
      );
    await exec("add", ARTICLE);
    expect(await exec("quotes", "")).toMatch(/John Kirby.*Joe Biden/s);
    expect(await exec("questions", "")).toContain("Will Hamas accept the terms?");
  });

  it("says when no digest is scheduled, with how to set one", async () => {
    const r = await run("/digest show");
    expect(r.outcome).toBe("ok");
    expect(r.text).toMatch(/No digest is scheduled here.*\/digest set daily 08:00/s);
  });

  it("lists every command in /newsdesk help", async () => {
    const r = await run("/newsdesk help");
    for (const def of commandRegistry) expect(r.text).toContain(`/${def.name}`);
    expect(r.text).toContain("/digest set [schedule] [timezone:…] [stories:…]");
  });
});
