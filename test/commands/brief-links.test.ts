import { describe, expect, it } from "vitest";
import { linkBriefsReply, linksInMessage, packStoryIds, unpackStoryIds } from "../../commands/brief-links.js";

describe("linksInMessage", () => {
  const table: { text: string; links: string[] }[] = [
    { text: "no links here", links: [] },
    { text: "see https://example.com/a.html.", links: ["https://example.com/a.html"] },
    {
      text: "Slack: <https://example.com/a?x=1&amp;y=2|the story>",
      links: ["https://example.com/a?x=1&y=2"],
    },
    { text: "Discord, no preview: <https://example.com/b>", links: ["https://example.com/b"] },
    {
      text: "(https://en.wikipedia.org/wiki/Gaza_(city)) and (https://example.com/c)",
      links: ["https://en.wikipedia.org/wiki/Gaza_(city)", "https://example.com/c"],
    },
    {
      text: "twice https://example.com/d and <https://example.com/d|again>",
      links: ["https://example.com/d"],
    },
    { text: "not a web link: ftp://example.com/x javascript:alert(1) <mailto:a@b.c>", links: [] },
    {
      text: 'HTTP://EXAMPLE.COM/UP, then http://example.com/x?"',
      links: ["HTTP://EXAMPLE.COM/UP", "http://example.com/x"],
    },
  ];
  for (const row of table) {
    it(JSON.stringify(row.text), () => {
      expect(linksInMessage(row.text)).toEqual(row.links);
    });
  }
});

describe("story ids in a button", () => {
  it("packs UUIDs into 22 characters each and back; other ids pass as they are", () => {
    const ids = ["0b4e8a1c-3f2d-4e5a-9b8c-7d6e5f4a3b2c", "ffffffff-ffff-4fff-bfff-ffffffffffff", "story-7"];
    const packed = packStoryIds(ids);
    expect(packed.length).toBe(22 + 1 + 22 + 1 + 7);
    expect(unpackStoryIds(packed)).toEqual(ids);
  });
});

describe("linkBriefsReply", () => {
  it("a message without links is a private error saying so", () => {
    const reply = linkBriefsReply([], 0);
    expect(reply).toMatchObject({
      tone: "error",
      ephemeral: true,
      intro: "That message has no links to brief.",
    });
  });

  it("names each link that could not be read, and says when links were left out", () => {
    const reply = linkBriefsReply(
      [
        { url: "http://10.0.0.1/", error: "it is a private address" },
        { url: "http://127.0.0.1/", error: "it is a loopback address" },
      ],
      5,
    );
    expect(reply.intro).toBe("No link in that message could be read.");
    expect(reply.sections[0]!.items).toEqual([
      "Could not read http://10.0.0.1/: it is a private address",
      "Could not read http://127.0.0.1/: it is a loopback address",
      "Only the first 2 of 5 links were read.",
    ]);
  });
});
