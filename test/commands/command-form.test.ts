import { describe, expect, it } from "vitest";
import { inCommandForm, replyInCommandForm, slashOf } from "../../commands/command-form.js";
import { commandHelp, helpLines } from "../../commands/help.js";
import { parseCommandText } from "../../commands/parse.js";
import { commandRegistry } from "../../commands/registry.js";
import { findAction } from "../../commands/run.js";
import { errorReply } from "../../src/render/reply.js";
import { renderText } from "../../src/render/text.js";

const names = commandRegistry.map((c) => c.name);

describe("/newsdesk <command> reaches every command", () => {
  const cases: { text: string; command: string; subcommand?: string; options: Record<string, unknown> }[] = [
    { text: `who "it's looking tough"`, command: "who", options: { quote: `"it's looking tough"` } },
    { text: "who it's looking tough", command: "who", options: { quote: "it's looking tough" } },
    {
      text: "ask who met Gantz? story:ab12",
      command: "ask",
      options: { question: "who met Gantz?", story: "ab12" },
    },
    {
      text: "feeds add https://example.com/rss",
      command: "feeds",
      subcommand: "add",
      options: { url: "https://example.com/rss" },
    },
    { text: "DIGEST show", command: "digest", subcommand: "show", options: {} },
    { text: "/summary ceasefire", command: "summary", options: { story: "ceasefire" } },
    { text: "help who", command: "newsdesk", subcommand: "help", options: { command: "who" } },
    { text: "", command: "newsdesk", subcommand: "help", options: {} },
    { text: "frobnicate", command: "newsdesk", subcommand: "frobnicate", options: {} },
  ];
  for (const c of cases) {
    it(`/newsdesk ${c.text || "(nothing)"}`, () => {
      const parsed = parseCommandText(commandRegistry, "newsdesk", c.text);
      expect(parsed.command).toBe(c.command);
      expect(parsed.subcommand).toBe(c.subcommand);
      expect(parsed.options).toEqual(c.options);
    });
  }

  it("an unknown word lists every command /newsdesk reaches", () => {
    const found = findAction(commandRegistry, "newsdesk", "frobnicate", "newsdesk");
    expect(found).toMatchObject({ error: expect.stringContaining("summary, who, ask") });
    // Its own subcommands too (help, and whatever else it has).
    expect("error" in found && found.error).toContain("digest, help");
    expect("hint" in found && found.hint).toBe("Run /newsdesk help for what each does.");
  });
});

describe("command form", () => {
  const table: { text: string; newsdesk: string }[] = [
    { text: "Run /stories to list them.", newsdesk: "Run /newsdesk stories to list them." },
    { text: "Usage: /who <quote>", newsdesk: "Usage: /newsdesk who <quote>" },
    { text: "(see /digest show)", newsdesk: "(see /newsdesk digest show)" },
    { text: "/newsdesk help digest", newsdesk: "/newsdesk help digest" },
    { text: "https://example.com/who/stories", newsdesk: "https://example.com/who/stories" },
    { text: "a/who b", newsdesk: "a/who b" },
    { text: "/whom it may concern", newsdesk: "/whom it may concern" },
  ];
  for (const row of table) {
    it(`"${row.text}"`, () => {
      expect(inCommandForm(row.text, names, "direct")).toBe(row.text);
      expect(inCommandForm(row.text, names, "newsdesk")).toBe(row.newsdesk);
    });
  }

  it("slashOf keeps /newsdesk itself", () => {
    expect(slashOf("who", "newsdesk")).toBe("/newsdesk who");
    expect(slashOf("newsdesk", "newsdesk")).toBe("/newsdesk");
    expect(slashOf("who")).toBe("/who");
  });

  it("rewrites a reply's hints, and an error's message, but never other text", () => {
    const error = replyInCommandForm(errorReply("Try /stories.", "Run /add <url>."), names, "newsdesk");
    expect(error.intro).toBe("Try /newsdesk stories.");
    expect(error.footer).toBe("Run /newsdesk add <url>.");
    const info = replyInCommandForm(
      {
        title: "/who",
        intro: "A quote: /who said it",
        sections: [],
        footer: "/ask more",
        tone: "info",
        ephemeral: false,
      },
      names,
      "newsdesk",
    );
    expect(info.intro).toBe("A quote: /who said it");
    expect(info.footer).toBe("/newsdesk ask more");
  });

  it("help lists the commands as the workspace types them", () => {
    const plain = helpLines("newsdesk");
    expect(plain.some((l) => l.startsWith("/newsdesk who <quote>"))).toBe(true);
    expect(plain.some((l) => l.startsWith("/newsdesk feeds add <url>"))).toBe(true);
    expect(plain.some((l) => l.startsWith("/newsdesk help"))).toBe(true);
    expect(plain.every((l) => l.startsWith("/newsdesk "))).toBe(true);
    expect(helpLines("direct").some((l) => l.startsWith("/who <quote>"))).toBe(true);
    const who = renderText(commandHelp("/newsdesk who", "newsdesk"));
    expect(who).toContain("/newsdesk who <quote>");
    expect(who).toContain(`e.g. /newsdesk who it's looking tough`);
    expect(who).not.toMatch(/(^|\s)\/who/);
  });
});
