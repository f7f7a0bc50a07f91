import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newsItem, startNewsFeedServer } from "../digest/news-feed-server.js";
import { startConsoleBot } from "./console-bot.js";

const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-first-poll-"));
let site: Awaited<ReturnType<typeof startNewsFeedServer>>;
beforeAll(async () => {
  site = await startNewsFeedServer();
});
afterAll(async () => {
  await site.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the console bot, wired as `npm start` runs it", () => {
  it("files a new feed's items before /feeds add replies, through its filter", {
    timeout: 60_000,
  }, async () => {
    const url = site.set("city", [
      newsItem("c1", "Tram line to the airport opens", "The first trams carried commuters at dawn."),
      newsItem("c2", "Football derby ends in a draw", "Both sports clubs scored in the last minutes."),
    ]);
    const bot = await startConsoleBot({ DATA_DIR: dataDir, FETCH_ALLOW_HOSTS: "127.0.0.1" });
    bot.stdin.end(
      [
        `/feeds add ${url} include:"tram OR football" exclude:sports`,
        "/stories",
        "/feeds list",
        "/digest mute airport",
        "/digest show",
        "/feeds filter city include:none exclude:none",
        "",
      ].join("\n"),
    );
    await bot.app.done;
    const out = bot.output();
    expect(out).toContain("1 of its current items is in /stories now");
    const stories = out.slice(out.indexOf("Latest stories"));
    expect(stories).toContain("Tram line to the airport opens");
    expect(stories.slice(0, stories.indexOf("Feeds in this channel"))).not.toContain("Football derby");
    expect(out).toMatch(
      /city news — http:\/\/127\.0\.0\.1:\d+\/city\.xml · ok · last read .* · include: tram OR football; exclude: sports/,
    );
    expect(out).toContain("This channel no longer gets stories matching: airport");
    expect(out).toContain("Filter cleared");
  });
});
