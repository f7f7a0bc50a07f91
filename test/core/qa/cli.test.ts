import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../cli/run-cli.js";

const run = runCli;

const fixture = new URL("../../fixtures/biden-netanyahu-cnn.txt", import.meta.url).pathname;
const story =
  '"We will rebuild the bridge before winter," Mayor Ana Silva said on Monday. The work will take six weeks.';

describe("newsdesk who", () => {
  it("names the speaker in Markdown, with the sentence and score", async () => {
    const r = await run(["who", fixture, "--ask", "its looking tough"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^## (President )?(Joe )?Biden said it/);
    expect(r.out).toContain("It’s looking tough,");
    expect(r.out).toMatch(/Sentence \d+ · score 1\.00/);
  });

  it("prints the contract JSON, reading the article from stdin", async () => {
    const r = await run(["who", "-", "--json", "--ask", "rebuild the bridge"], story);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.matches[0]).toMatchObject({
      quote: "We will rebuild the bridge before winter,",
      speaker: "Ana Silva",
    });
    expect(json.matches[0].score).toBeGreaterThan(0.9);
  });

  it("--jsonl answers line by line, [] when nothing matches, an error line for a bad line", async () => {
    const lines = [
      { id: "a", text: story, ask: "rebuild the bridge" },
      { id: "b", text: story, ask: "the moon is made of cheese" },
      { id: "c", text: story },
      { id: "d", text: story, ask: "🙂🙂" },
      { id: "e", text: story, ask: "x".repeat(501) },
    ];
    const r = await run(["who", "--jsonl"], `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    expect(r.code).toBe(0);
    const out = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(out[0].matches[0].speaker).toBe("Ana Silva");
    expect(out[1]).toEqual({ id: "b", matches: [] });
    expect(out[2].error).toMatch(/missing "ask"/);
    expect(out[3]).toEqual({ id: "d", matches: [] });
    expect(out[4]).toEqual({ id: "e", error: '"ask" is longer than the limit of 500 characters' });
  });

  it("lists quotes by speaker", async () => {
    const r = await run(["who", fixture, "--speaker", "Kirby"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\*\*[^*]*Kirby\*\*/);
  });

  it.each([
    [["who", fixture, "--ask", ""], /missing the quote fragment[\s\S]*Usage: newsdesk who/],
    [["who", fixture], /missing the quote fragment/],
    [["who", fixture, "--ask", "x".repeat(2000)], /2,000 characters long; the limit is 500 characters/],
    [["who", "no-such-story-42", "--ask", "tough"], /no article file "no-such-story-42".*\/stories/],
  ])("refuses bad input: %j", async (args, message) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });

  it("answers punctuation or emoji with no match, not a crash", async () => {
    const r = await run(["who", fixture, "--ask", "?!… 🙂"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/No quote in this story matches/);
  });
});

describe("newsdesk ask", () => {
  it("answers in Markdown, citing the sentence", async () => {
    const r = await run(["ask", fixture, "--question", "How long would the pause in fighting last?"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\*\*six-week\*\*/);
    expect(r.out).toMatch(/\(sentence \d+\) Talks to secure the hostages/);
  });

  it("prints the contract JSON and says when the story does not answer", async () => {
    const r = await run(["ask", "-", "--json", "--question", "How long will the work take?"], story);
    expect(JSON.parse(r.out)).toMatchObject({
      answer: "six weeks",
      sentences: ["The work will take six weeks."],
    });
    const none = await run(["ask", "-", "--json", "--question", "What did the Pope say?"], story);
    expect(JSON.parse(none.out)).toMatchObject({ answer: null, sentences: [] });
    const md = await run(["ask", "-", "--question", "What did the Pope say?"], story);
    expect(md.out).toMatch(/^Not in the story/);
  });

  it("--jsonl keeps the order and reports a bad line", async () => {
    const lines = [
      JSON.stringify({ id: 1, text: story, question: "Who will rebuild the bridge?" }),
      "not json",
      JSON.stringify({ id: 3, text: story, question: "" }),
      JSON.stringify({ id: 4, text: story, question: "why ".repeat(200) }),
    ];
    const r = await run(["ask", "--jsonl"], `${lines.join("\n")}\n`);
    const out = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[0].id).toBe(1);
    expect(out[0].sentences[0]).toContain("Ana Silva");
    expect(out[1].error).toBeTruthy();
    expect(out[2]).toMatchObject({ id: 3, error: '"question" is empty' });
    expect(out[3]).toEqual({ id: 4, error: '"question" is longer than the limit of 500 characters' });
  });

  it.each([
    [["ask", fixture, "--question", "   "], /missing the question[\s\S]*Usage: newsdesk ask/],
    [
      ["ask", fixture, "--question", "why ".repeat(500)],
      /2,000 characters long; the limit is 500 characters/,
    ],
    [["ask", "story-123", "--question", "Why?"], /no article file "story-123"/],
  ])("refuses bad input: %j", async (args, message) => {
    const r = await run(args as string[]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });
});

describe("newsdesk who and ask on a URL", () => {
  // A real HTTP server on loopback, allowed through FETCH_ALLOW_HOSTS like any allowed host.
  let server: Server;
  let url = "";
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        `<html><head><title>Bridge to be rebuilt</title></head><body><article><h1>Bridge to be rebuilt</h1>
        <p>${story}</p><p>The council approved the plan after a long debate on Tuesday evening, and work
        on the old bridge over the river will start next month, officials said.</p></article></body></html>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bridge`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("fetches the article and answers from it", async () => {
    const env = { FETCH_ALLOW_HOSTS: "127.0.0.1" };
    const who = await run(["who", url, "--json", "--ask", "rebuild the bridge"], "", env);
    expect(JSON.parse(who.out).matches[0].speaker).toBe("Ana Silva");
    const ask = await run(["ask", url, "--json", "--question", "How long will the work take?"], "", env);
    expect(JSON.parse(ask.out).answer).toBe("six weeks");
  });
});
