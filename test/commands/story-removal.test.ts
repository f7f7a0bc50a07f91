import { describe, expect, it } from "vitest";
import { parseCommandText } from "../../commands/parse.js";
import { commandRegistry } from "../../commands/registry.js";
import { executeCommand } from "../../commands/run.js";
import { renderText } from "../../src/render/text.js";
import { openTestServices } from "../app/test-services.js";
import { ARTICLE, contextFor } from "./helpers.js";

const services = await openTestServices();

async function run(text: string, isAdmin = true) {
  const ctx = await contextFor({ services, isAdmin });
  const [command, ...rest] = text.replace(/^\//, "").split(" ");
  return renderText(
    await executeCommand(ctx, commandRegistry, parseCommandText(commandRegistry, command!, rest.join(" "))),
  );
}

describe("stories stay tidy", () => {
  it("says an article is already in its story instead of filing it again", async () => {
    const first = await run(`/add ${ARTICLE}`);
    const id = /Added as story (\S+)\./.exec(first)?.[1];
    expect(id).toBeDefined();
    expect(await run(`/add ${ARTICLE}`)).toContain(`Already in story ${id}: nothing was added again.`);
    expect((await services.stories.list("t1", 10)).map((s) => s.id)).toEqual([id]);
  });

  it("removes a story from /stories and digests, and /summary says it was removed", async () => {
    const [story] = await services.stories.list("t1", 1);
    expect(await run(`/stories remove ${story!.id}`, false)).toMatch(/only admins/);
    expect(await run(`/stories remove ${story!.id.slice(0, 8)}`)).toContain("no longer appears in digests");
    expect(await run("/stories")).toContain("No stories yet");
    expect(await run(`/summary ${story!.id}`)).toMatch(/was removed on \d{4}-\d\d-\d\d .*Run \/stories/s);
    expect(await run(`/add ${ARTICLE}`)).toContain("(removed from digests and lists)");
  });

  it("says how to list stories for an unknown id", async () => {
    expect(await run("/stories remove nosuchid")).toMatch(/No story has the id "nosuchid".*\/stories/s);
    expect(await run("/summary nosuchid")).toMatch(/No story matches "nosuchid".*\/stories/s);
  });
});
