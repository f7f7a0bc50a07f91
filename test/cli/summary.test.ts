import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { goodBrief } from "../llm/council-brief.js";
import { councilArticle } from "../llm/helpers.js";
import { reply, startStandIn } from "../llm/stand-in.js";
import { runCli } from "./run-cli.js";

const run = runCli;

const fixture = new URL("../fixtures/biden-netanyahu-cnn.txt", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "newsdesk-cli-"));

describe("newsdesk summary", () => {
  it("prints Markdown with key points, quotes and open questions", async () => {
    const r = await run(["summary", fixture]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# How a brief exchange/);
    expect(r.out).toMatch(/## Key points/);
    expect(r.out).toMatch(/It’s looking tough,” — President Joe Biden/);
    expect(r.out).toMatch(/## Open questions/);
  });

  it("prints the contract JSON with --json, reading stdin with -", async () => {
    const r = await run(
      ["summary", "--json", "-"],
      '"We will win," Ann Roe said on Monday. The vote is next week.',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.engine).toBe("extractive");
    expect(json.quotes).toEqual([
      { quote: "We will win,", speaker: "Ann Roe", speakerConfidence: "high", sentence: 0 },
    ]);
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(["title", "keyPoints", "openQuestions", "entities"]),
    );
  });

  it("--jsonl answers line by line in order and reports a bad line without stopping", async () => {
    const input = [
      JSON.stringify({ id: "a", text: "The council met on Monday. It approved the budget." }),
      "not json",
      JSON.stringify({ id: "c" }),
      JSON.stringify({ id: "d", text: '"Yes," Bo Li said.' }),
    ].join("\n");
    const r = await run(["summary", "--jsonl"], input);
    const lines = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(["a", null, "c", "d"]);
    expect(lines[0].keyPoints.length).toBeGreaterThan(0);
    expect(lines[1].error).toMatch(/line 2/);
    expect(lines[2].error).toMatch(/missing "text"/);
    expect(lines[3].quotes[0].speaker).toBe("Bo Li");
  });

  it.each([
    ["empty text", "   \n\t ", /empty/],
    ["binary input", "\u0000\u0001\u0002PNG", /binary/],
  ])("refuses %s with exit code 1", async (_name, stdin, message) => {
    const r = await run(["summary", "-"], stdin);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });

  it("refuses text over the configured limit, naming the limit", async () => {
    const big = join(dir, "big.txt");
    writeFileSync(big, "word ".repeat(1000));
    const r = await run(["summary", big], "", { MAX_TEXT_BYTES: "2048" });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/larger than the limit of 2 KB/);
  });

  it("uses the model through the real openai client with --engine llm, and falls back when it fails", async () => {
    const standIn = await startStandIn();
    try {
      const article = join(dir, "council.txt");
      writeFileSync(article, councilArticle);
      const env = { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: standIn.baseURL, LLM_TIMEOUT_MS: "3000" };
      standIn.script(reply.json(goodBrief));
      const ok = JSON.parse((await run(["summary", "--json", "--engine", "llm", article], "", env)).out);
      expect(ok.engine).toBe("llm");
      expect(ok.quotes.map((q: { speaker: string }) => q.speaker)).toContain("Jane Holloway");
      standIn.script(reply.text("this is not JSON"));
      const other = `${councilArticle}\n\nA later paragraph makes this a different article.`;
      const fallback = JSON.parse(
        (await run(["summary", "--json", "--engine", "auto", "-"], other, env)).out,
      );
      expect(fallback.engine).toBe("extractive");
      expect(fallback.notes.join(" ")).toMatch(/summary without LLM/);
    } finally {
      await standIn.close();
    }
  });

  it("refuses --engine llm without a configured model, and an unknown engine", async () => {
    const r = await run(["summary", "--engine", "llm", fixture]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/OPENAI_API_KEY/);
    expect((await run(["summary", "--engine", "gpt", fixture])).err).toMatch(/unknown engine "gpt"/);
  });

  it("explains a missing file and a missing argument", async () => {
    expect((await run(["summary", join(dir, "nope.txt")])).err).toMatch(/no such file/);
    const r = await run(["summary"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Usage: newsdesk summary/);
  });
});
