import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createCpuPool, JobTimeoutError, workerStart } from "../../src/app/cpu-pool.js";
import { createPooledPageReader } from "../../src/app/pooled-reader.js";
import { buildExtractiveBrief } from "../../src/core/analyse.js";
import { readPage } from "../../src/ingest/extract/read-page.js";
import { FetchError } from "../../src/ingest/fetch/errors.js";
import { articleAtTheBottom, slowEvenFlattened } from "../ingest/helpers/deep-pages.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), "utf8");

// Real worker threads, started from the TypeScript sources as under tsx: the bootstrap path.
const pool = createCpuPool({ size: 2 });
afterAll(() => pool.close());

describe("CPU pool", () => {
  it("reads a page in a worker exactly as readPage does in this thread", async () => {
    const html = fixture("news-article.html");
    const url = "https://www.example.org/news/harbour-bridge-reopens";
    const inWorker = await pool.run({ kind: "read", html, url });
    expect(inWorker).toEqual(readPage(html, url));
    expect(inWorker.page.text).toMatch(/^The harbour bridge reopened/);
  });

  it("makes the same extractive brief as this thread", async () => {
    const text = readFileSync(new URL("../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");
    const brief = await pool.run({ kind: "brief", text, title: "Biden and Netanyahu" });
    expect(brief).toEqual(buildExtractiveBrief({ text, title: "Biden and Netanyahu" }));
    expect(brief.keyPoints.length).toBeGreaterThan(0);
  });

  it("terminates a job past its limit, and the next job gets a fresh worker", async () => {
    await expect(
      pool.run({ kind: "read", html: slowEvenFlattened(), url: undefined }, { timeoutMs: 50 }),
    ).rejects.toBeInstanceOf(JobTimeoutError);
    const after = await pool.run(
      { kind: "read", html: articleAtTheBottom(5000), url: undefined },
      { timeoutMs: 60_000 },
    );
    expect(after.page.text).toMatch(/^The city council voted/);
  });

  it("rejects jobs after close", async () => {
    const closed = createCpuPool({ size: 1 });
    await closed.close();
    await expect(closed.run({ kind: "read", html: "<p>x</p>" })).rejects.toThrow(/closed/);
  });
});

describe("pooled page reader", () => {
  it("gives the 'too complex' FetchError past the budget and remembers the URL", async () => {
    const reader = createPooledPageReader({ pool, timeoutMs: 20 });
    const url = "https://slow.example/deep";
    const err = await reader.read(slowEvenFlattened(), url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).code).toBe("too_complex");
    expect((err as FetchError).message).toBe("this page is too complex to read (gave up after 20 ms)");
    expect(reader.slowPages?.recall(url)).toBe(err);
    expect(reader.slowPages?.recall("https://slow.example/other")).toBeUndefined();
  });
});

describe("workerStart", () => {
  it("starts the compiled worker beside the compiled pool (dist/, the Docker image)", () => {
    const start = workerStart("file:///app/dist/src/app/cpu-pool.js");
    expect(start.file.href).toBe("file:///app/dist/src/app/cpu-worker.js");
    expect(start.workerData).toBeUndefined();
  });

  it("starts the tsx bootstrap with the TypeScript worker when running from source", () => {
    const start = workerStart("file:///repo/src/app/cpu-pool.ts");
    expect(start.file.href).toBe("file:///repo/src/app/cpu-worker-tsx.mjs");
    expect(start.workerData).toEqual({ entry: "file:///repo/src/app/cpu-worker.ts" });
  });
});
