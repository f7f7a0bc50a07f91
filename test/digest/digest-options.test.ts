import { afterAll, describe, expect, it } from "vitest";
import { parseCommandText } from "../../commands/parse.js";
import { commandRegistry } from "../../commands/registry.js";
import { executeCommand } from "../../commands/run.js";
import type { StoryBrief } from "../../src/core/types.js";
import { composeDigest, repeatsQuote } from "../../src/digest/compose.js";
import { digestOptionsOf } from "../../src/digest/options.js";
import { digestToReply } from "../../src/digest/reply.js";
import { createRunComposer } from "../../src/digest/runner-compose.js";
import type { Digest, DigestItem } from "../../src/digest/types.js";
import { briefToReply } from "../../src/render/brief.js";
import { renderText } from "../../src/render/text.js";
import { openTestServices } from "../app/test-services.js";
import { contextFor } from "../commands/helpers.js";
import { sampleBrief } from "../store/samples.js";
import { addStory } from "./helpers.js";

const services = await openTestServices({ now: () => new Date("2026-12-01T06:00:00Z") });
afterAll(() => services.close());

async function run(text: string) {
  const ctx = await contextFor({ services, isAdmin: true, channelId: "news" });
  const [command, ...rest] = text.replace(/^\//, "").split(" ");
  return renderText(
    await executeCommand(ctx, commandRegistry, parseCommandText(commandRegistry, command!, rest.join(" "))),
  );
}

describe("repeatsQuote", () => {
  const cases: [string, string, boolean][] = [
    ['Kirby said: "It\'s looking tough right now."', "it's looking tough right now", true],
    ["It's Looking TOUGH right now", "it's looking tough right now,", true],
    ["The bridge closed on Monday.", "it's looking tough right now", false],
    ["Tough", "it's looking tough right now", false],
  ];
  for (const [point, quote, repeats] of cases)
    it(`${point} / ${quote}`, () => expect(repeatsQuote(point, quote)).toBe(repeats));
});

describe("digest items", () => {
  const brief = (): StoryBrief => {
    const b = sampleBrief("Bridge closes", [
      "The bridge closed on Monday.",
      'The mayor said: "We will decide soon."',
      "Repairs will take a year.",
      'An engineer said "the steel was rusted through".',
    ]);
    b.quotes.push({ ...b.quotes[0]!, quote: "The steel was rusted through,", speaker: "an engineer" });
    return b;
  };
  const candidate = {
    story: {
      id: "s1",
      tenantId: "t",
      storyKey: "k",
      title: "Bridge closes",
      version: 1,
      brief: brief(),
      articleCount: 1,
      createdAt: "2026-03-01T00:00:00Z",
      updatedAt: "2026-03-01T00:00:00Z",
    },
    links: [{ title: "Bridge closes", url: "http://news.example/bridge", siteName: null }],
  };
  const compose = (stored: unknown) =>
    composeDigest({
      tenantId: "t",
      channelId: "c",
      channelExternalId: "C",
      slot: new Date("2026-03-02T08:00:00Z"),
      timezone: "UTC",
      picked: [candidate],
      postEmpty: false,
      options: digestOptionsOf(stored),
    })!.items[0]!;

  it("does not repeat the top quote as a key point, and keeps the link's scheme", () => {
    const item = compose(null);
    // "We will decide soon," is in a shown key point (with other punctuation): the engineer's quote
    // is the top quote instead, so no quote is shown twice.
    expect(item.topQuote?.quote).toBe("The steel was rusted through,");
    expect(item.keyPoints).toEqual([
      "The bridge closed on Monday.",
      'The mayor said: "We will decide soon."',
      "Repairs will take a year.",
    ]);
    expect(item.openQuestion).toBe("When will the council decide?");
    expect(renderText(digestToReply(composeDigestOf(item)))).toContain("http://news.example/bridge");
  });

  it("shows the sections and layout the channel chose", () => {
    const compact = compose({ layout: "compact" });
    expect(compact.keyPoints).toEqual(["The bridge closed on Monday."]);
    expect(compact.topQuote).toBeUndefined();
    expect(compact.openQuestion).toBeUndefined();
    const quoteOnly = compose({ sections: ["quote"] });
    expect(quoteOnly.keyPoints).toEqual([]);
    expect(quoteOnly.topQuote?.speaker).toBe("an engineer");
  });
});

function composeDigestOf(item: DigestItem): Digest {
  return {
    tenantId: "t",
    channelId: "c",
    channelExternalId: "C",
    slot: "2026-03-02T08:00:00.000Z",
    timezone: "UTC",
    title: "News digest",
    items: [item],
    nothingNew: false,
  };
}

describe("/digest set", () => {
  it("keeps the channel's timezone when only the schedule changes", async () => {
    expect(await run("/digest set daily 08:00 timezone:Europe/Berlin")).toContain("Europe/Berlin");
    const changed = await run("/digest set every 6h");
    expect(changed).toContain("Europe/Berlin");
    expect(changed).not.toContain("UTC");
    expect(await run("/digest set timezone:Asia/Tokyo")).toContain("Asia/Tokyo");
    expect(await run("/digest show")).toMatch(/every 6 hours.*Asia\/Tokyo/s);
  });

  it("sets the stories, layout and sections, and the composer follows them", async () => {
    const reply = await run("/digest set stories:2 layout:compact sections:points,quote");
    expect(reply).toContain("2 stories at most, compact layout, showing key points, quote");
    expect(await run("/digest show")).toContain("Each digest: 2 stories at most, compact layout");
    const { store } = services;
    const tenant = (await store.tenants.find("t1", "local"))!;
    const channel = (await store.channels.findByExternalId(tenant.id, "news"))!;
    for (const t of ["One", "Two", "Three"])
      await addStory(store, tenant.id, { channelId: channel.id }, new Date("2026-12-01T05:00:00Z"), {
        title: t,
      });
    const digest = await createRunComposer({
      store,
      maxStories: 8,
      postEmpty: false,
      lookbackMs: 86_400_000,
    })({ tenantId: tenant.id, channelId: channel.id, slot: "2026-12-01T06:00:00.000Z" }, 1);
    expect(digest?.items).toHaveLength(2);
    for (const item of digest!.items) {
      expect(item.keyPoints).toHaveLength(1);
      expect(item.topQuote).toBeDefined();
      expect(item.openQuestion).toBeUndefined();
    }
  });

  it("names a wrong layout, section or count and shows an example", async () => {
    expect(await run("/digest set layout:tiny")).toMatch(
      /"tiny" is not a layout; say full or compact.*Example/s,
    );
    expect(await run("/digest set sections:points,pictures")).toMatch(/"pictures" is not a digest section/);
    expect(await run("/digest set stories:40")).toMatch(/stories must be from 1 to 25/);
    expect(await run("/digest set")).toMatch(/Give a schedule.*Examples/s);
    expect(await run("/digest set tomorrow at 8")).toMatch(/"8" is not a time.*Examples: daily 08:00/s);
  });
});

describe("cut lists", () => {
  it("says how many quotes were left out and where to read them", () => {
    const brief = sampleBrief("Many quotes");
    brief.quotes = Array.from({ length: 14 }, (_, i) => ({ ...brief.quotes[0]!, quote: `Quote ${i}` }));
    const text = renderText(briefToReply(brief, { storyId: "ab12" }));
    expect(text).toContain("Quote 4");
    expect(text).not.toContain("Quote 5");
    expect(text).toContain("+9 more — /quotes story:ab12");
  });
});
