import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStoreServices } from "../../src/app/services/index.js";
import type { Services } from "../../src/app/services.js";
import { buildExtractiveBrief } from "../../src/core/analyse.js";
import { createStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";

const article = readFileSync(new URL("../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");
/** A misspelt piece of Kirby's "We pressured them. They don't always accept that pressure very well". */
const TYPO_FRAGMENT = "presured them dont alway acept";
const NOTHING = "zebra quartz lagoon vortex";

let dataDir: string;
const stores: Store[] = [];

async function servicesOver(): Promise<Services> {
  const store = await createStore({ DATA_DIR: dataDir, DATABASE_URL: undefined });
  stores.push(store);
  return createStoreServices({
    store,
    summarise: async (input) => buildExtractiveBrief(input),
    defaultTimezone: "UTC",
    now: () => new Date("2026-11-25T06:00:00Z"),
  });
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "newsdesk-lazy-qa-"));
});

afterAll(async () => {
  for (const s of stores) await s.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("question engine over stored stories (after a restart)", () => {
  it("builds the index from the stored article text, not from word overlap", async () => {
    const first = await servicesOver();
    const added = await first.stories.addText("discord:9", { text: article, source: "paste" }, "C1");
    const quotes = await first.qa.quotesBy("discord:9", undefined, added.id);
    expect(quotes.length).toBeGreaterThan(3);

    // A fresh services object over the same file: nothing is indexed in memory any more.
    const restarted = await servicesOver();
    const [best, ...others] = await restarted.qa.whoSaid("discord:9", TYPO_FRAGMENT);
    expect(best?.quote).toContain("We pressured them");
    expect(best?.speaker).toMatch(/adviser/i);
    expect(best?.storyId).toBe(added.id);
    expect(best?.score).toBeGreaterThan(0.5);
    expect(others.every((o) => o.score <= best!.score)).toBe(true);
    expect(await restarted.qa.whoSaid("discord:9", NOTHING)).toEqual([]);
    // The stored text is read tenant by tenant: another workspace finds nothing.
    expect(await restarted.qa.whoSaid("discord:10", TYPO_FRAGMENT)).toEqual([]);
  });

  it("answers questions and lists quotes by speaker from the stored text after a restart", async () => {
    const restarted = await servicesOver();
    const byKirby = await restarted.qa.quotesBy("discord:9", "Kirby");
    expect(byKirby.length).toBeGreaterThan(0);
    expect(byKirby.every((q) => `${q.speaker} ${q.role ?? ""}`.includes("Kirby"))).toBe(true);
    const story = await restarted.stories.resolve("discord:9", undefined);
    const answer = await restarted.qa.ask("discord:9", "Who did Biden meet as a younger senator?");
    expect(answer.storyId).toBe(story?.id);
    // The engine answers with a span of a sentence, not a whole key point of the brief.
    expect(answer.answer).toBeTruthy();
    expect(story?.brief.keyPoints.map((k) => k.text)).not.toContain(answer.answer);
    expect(answer.sentences.join(" ")).toContain(answer.answer!);
  });
});
