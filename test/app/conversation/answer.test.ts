import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandRegistry } from "../../../commands/registry.js";
import type { CommandContext } from "../../../commands/types.js";
import { answerMessage } from "../../../src/app/conversation/answer.js";
import { briefLinks } from "../../../src/app/services/link-briefs.js";
import { renderText } from "../../../src/render/text.js";
import { openTestServices, type TestServices } from "../test-services.js";

const biden = readFileSync(new URL("../../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");
const HARBOUR =
  "Dock workers in Rotterdam ended a nine-day strike on Tuesday after the port authority agreed to a new shift schedule. " +
  "“We are back at work because the night shifts are finally fair,” said Marieke Jansen, a crane operator. " +
  "The port authority said container traffic would return to normal within a week.";

let services: TestServices;
let ctx: CommandContext;
let bidenId = "";
let harbourId = "";

beforeAll(async () => {
  services = await openTestServices();
  ctx = {
    platform: "slack",
    tenant: "slack:T1",
    channelId: "C1",
    userId: "U1",
    isAdmin: false,
    services,
    allowLocalFiles: false,
    maxTextBytes: 2_000_000,
  };
  bidenId = (await services.stories.addText(ctx.tenant, { text: biden, source: "paste" }, "C1")).id;
  harbourId = (
    await services.stories.addText(
      ctx.tenant,
      { text: HARBOUR, title: "Rotterdam strike ends", source: "paste" },
      "C1",
    )
  ).id;
});
afterAll(() => services?.close());

const say = async (text: string, threadStories: string[] = []) => {
  const { replies } = await answerMessage(ctx, commandRegistry, { text, threadStories });
  return replies.map((r) => ({ text: renderText(r), ephemeral: r.ephemeral }));
};

describe("answerMessage over the real services", () => {
  it("answers 'more' about the thread's story, and the latest story outside a thread", async () => {
    expect((await say("<@UBOT> more", [bidenId]))[0]!.text).toContain("Netanyahu");
    expect((await say("<@UBOT> more"))[0]!.text).toContain("Rotterdam");
  });

  it("picks a digest's item by number, and asks which one without", async () => {
    const digest = [harbourId, bidenId];
    expect((await say("2 more", digest))[0]!.text).toContain("Netanyahu");
    expect((await say("more 1", digest))[0]!.text).toContain("Rotterdam");
    const which = (await say("more", digest))[0]!;
    expect(which.ephemeral).toBe(true);
    expect(which.text).toContain("1. Rotterdam strike ends");
    const none = (await say("5 more", digest))[0]!;
    expect(none.text).toContain("items 1 to 2; there is no item 5");
  });

  it("finds who said it among the thread's stories first, else across the workspace", async () => {
    expect(
      (await say("who said the night shifts are finally fair?", [harbourId, bidenId]))[0]!.text,
    ).toContain("Marieke Jansen");
    // Not in the thread's story: the workspace's stories, as /who answers.
    expect((await say(`who said "hot mic"`, [harbourId]))[0]!.text).toContain("Joe Biden");
  });

  it("answers a question from the thread's story, and says what changed honestly", async () => {
    const answer = (await say("when will container traffic return to normal?", [harbourId]))[0]!.text;
    expect(answer).toContain("week");
    expect((await say("what changed?", [bidenId]))[0]!.text).toContain("has one article");
  });

  it("helps when the message says nothing", async () => {
    const [help] = await say("<@UBOT>", [harbourId, bidenId]);
    expect(help!.text).toContain("a number names the item");
  });

  it("briefLinks refuses what /add refuses and notes links left out", async () => {
    const links = "<http://10.0.0.1/a> <http://10.0.0.2/b> <http://10.0.0.3/c> <http://10.0.0.4/d>";
    const briefs = await briefLinks(ctx, links);
    expect(briefs.map((b) => b.url)).toEqual(["http://10.0.0.1/a", "http://10.0.0.2/b", "http://10.0.0.3/c"]);
    expect(briefs.every((b) => b.reply.tone === "error" && !b.storyId)).toBe(true);
    expect(briefs[2]!.reply.footer).toContain("1 more was left out");
    expect(await briefLinks(ctx, links, { quiet: true })).toEqual([]);
  });
});
