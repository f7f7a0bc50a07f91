import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCommandText } from "../../commands/parse.js";
import { commandRegistry } from "../../commands/registry.js";
import { executeCommand } from "../../commands/run.js";
import { createStoreServices } from "../../src/app/services/index.js";
import type { Services } from "../../src/app/services.js";
import { buildExtractiveBrief } from "../../src/core/analyse.js";
import { renderText } from "../../src/render/text.js";
import { createStore } from "../../src/store/index.js";

// One speaker named beside her words, one only reachable through a pronoun two sentences back.
const ARTICLE = [
  "The city council voted on Tuesday to close the Fifth Street bridge for repairs.",
  '"We cannot wait another winter for this work," Mayor Lisa Grant said at the meeting.',
  "Tom Ash runs the bakery at the foot of the bridge. He has worked there for thirty years.",
  '"Half of my customers come over that bridge every morning," he said.',
].join("\n\n");

let dataDir: string;
let services: Services;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "newsdesk-who-guesses-"));
  const store = await createStore({ DATA_DIR: dataDir, DATABASE_URL: undefined });
  services = createStoreServices({
    store,
    summarise: async (input) => buildExtractiveBrief(input),
    defaultTimezone: "UTC",
    now: () => new Date("2026-11-25T06:00:00Z"),
  });
  await services.stories.addText("console:t", { text: ARTICLE, source: "paste" }, "c");
});
afterAll(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function chat(line: string): Promise<string> {
  const [command, ...rest] = line.replace(/^\//, "").split(" ");
  const parsed = parseCommandText(commandRegistry, command!, rest.join(" "));
  const reply = await executeCommand(
    {
      platform: "console",
      tenant: "console:t",
      channelId: "c",
      userId: "u",
      isAdmin: false,
      services,
      allowLocalFiles: false,
      maxTextBytes: 100_000,
    },
    commandRegistry,
    parsed,
  );
  return renderText(reply);
}

describe("chat shows a weakly attributed speaker as a guess", () => {
  it("a speaker named beside the quote is stated as fact", async () => {
    const out = await chat("/who cannot wait another winter");
    expect(out).toMatch(/^Lisa Grant said it/m);
    expect(out).not.toContain("probably");
  });

  it("a speaker found through a pronoun is 'probably'", async () => {
    const out = await chat("/who half of my customers");
    expect(out).toMatch(/^Probably Tom Ash said it/m);
    expect(out).toContain("— probably Tom Ash");
    expect(out).toContain("does not name the speaker beside the quote");
  });

  it("the brief marks the guess too", async () => {
    const out = await chat("/summary");
    expect(out).toContain("— Mayor Lisa Grant");
    expect(out).toContain("— probably Tom Ash");
  });

  it("a misremembered quote gets 'no match' with the closest quote, never as the answer", async () => {
    const out = await chat("/who half my customers take the ferry every morning");
    expect(out).toMatch(/^No quote matches/m);
    expect(out).toContain("The closest quote (not a match)");
    expect(out).toContain("Half of my customers");
  });

  it("an unrelated fragment gets no candidate at all", async () => {
    const out = await chat("/who humanitarian aid is not a bargaining chip");
    expect(out).toMatch(/^No quote matches/m);
    expect(out).not.toContain("closest");
  });
});
