import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStoreServices } from "../../src/app/services/index.js";
import type { Services } from "../../src/app/services.js";
import { UserFacingError } from "../../src/app/services.js";
import { buildExtractiveBrief } from "../../src/core/analyse.js";
import { createStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";

const article = readFileSync(new URL("../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");
let dataDir: string;
let store: Store;
let services: Services;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "newsdesk-services-"));
  store = await createStore({ DATA_DIR: dataDir, DATABASE_URL: undefined });
  services = createStoreServices({
    store,
    summarise: async (input) => buildExtractiveBrief(input),
    defaultTimezone: "UTC",
    now: () => new Date("2026-11-25T06:00:00Z"),
  });
});

afterAll(async () => {
  await services?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("services over the real SQLite store", () => {
  it("adds a story once, finds it by id prefix and title, and keeps tenants apart", async () => {
    const added = await services.stories.addText("discord:1", { text: article, source: "paste" }, "C1");
    const again = await services.stories.addText("discord:1", { text: article, source: "paste" }, "C1");
    expect(again.id).toBe(added.id);
    expect((await services.stories.list("discord:1", 10)).map((s) => s.id)).toEqual([added.id]);
    expect((await services.stories.resolve("discord:1", added.id.slice(0, 8)))?.id).toBe(added.id);
    expect((await services.stories.resolve("discord:1", "biden-netanyahu"))?.id).toBe(added.id);
    expect(await services.stories.resolve("discord:1", "no such story")).toBeNull();
    expect((await services.stories.resolve("discord:1", undefined))?.id).toBe(added.id);
    expect(await services.stories.list("slack:T1", 10)).toEqual([]);
    expect(await services.stories.resolve("slack:T1", added.id)).toBeNull();
  });

  it("answers who-said and questions with the question engine", async () => {
    const [best] = await services.qa.whoSaid("discord:1", "hot mic");
    expect(best?.speaker).toBe("Joe Biden");
    expect(await services.qa.whoSaid("discord:1", "completely unrelated zebra words")).toEqual([]);
    const answer = await services.qa.ask("discord:1", "What did Kirby say about the relationship?");
    expect(answer.sentences.join(" ")).toContain("Kirby");
    expect(
      (await services.qa.quotesBy("discord:1", "Kirby")).every((q) => q.speaker?.includes("Kirby")),
    ).toBe(true);
  });

  it("follows and unfollows feeds per channel", async () => {
    await services.feeds.add("discord:1", "C1", "https://example.com/feed.xml");
    expect((await services.feeds.list("discord:1", "C1")).map((f) => f.url)).toEqual([
      "https://example.com/feed.xml",
    ]);
    expect(await services.feeds.list("discord:1", "C2")).toEqual([]);
    expect(await services.feeds.remove("discord:1", "C1", "https://example.com/feed.xml")).toBe(true);
    expect(await services.feeds.remove("discord:1", "C1", "https://example.com/feed.xml")).toBe(false);
  });

  it("schedules digests with a human echo and explains a bad schedule", async () => {
    const set = await services.digests.set("discord:1", "C1", "weekdays 07:30", "Europe/Berlin");
    expect(set.description).toMatch(/07:30/);
    expect(set.timezone).toBe("Europe/Berlin");
    expect((await services.digests.show("discord:1", "C1"))?.schedule).toBe(set.schedule);
    const bad = await services.digests.set("discord:1", "C1", "whenever", undefined).catch((e) => e);
    expect(bad).toBeInstanceOf(UserFacingError);
    expect((bad as Error).message).toMatch(/daily 08:00/);
    expect(await services.digests.off("discord:1", "C1")).toBe(true);
    expect(await services.digests.show("discord:1", "C1")).toBeNull();
  });

  it("reports the store as healthy", async () => {
    expect(await services.healthy()).toBe(true);
  });
});
