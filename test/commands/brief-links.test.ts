import { describe, expect, it } from "vitest";
import { linkBriefsReply, packStoryIds, unpackStoryIds } from "../../commands/brief-links.js";

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
