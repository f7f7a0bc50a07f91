import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { createPlatformPoster } from "../../src/app/poster.js";
import { createConsolePoster } from "../../src/digest/reply.js";
import { fileReceipts } from "../../src/platforms/console/receipts.js";
import { openSqlite } from "../../src/store/index.js";
import { digestIn } from "./digest-fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "newsdesk-receipts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("console digests are printed once across a crash (print receipts in a file)", () => {
  it("the platform poster prints a resumed run only when no receipt says it was printed", async () => {
    const store = await openSqlite(join(dir, "poster.db"));
    try {
      const file = join(dir, "data", "console-digests.log");
      const printed: string[] = [];
      const poster = createPlatformPoster(store, createLogger("silent"));
      poster.attach({ console: (text) => printed.push(text), consoleReceipts: fileReceipts(file) });
      const digest = await digestIn(store, { platform: "console", externalId: "console" }, "console");
      await poster.post(digest, { nonce: "n-printed", attempt: 1 });
      expect(readFileSync(file, "utf8")).toBe("n-printed\n");
      // After a restart (a new receipts reader on the same file): printed before → not again.
      poster.attach({ console: (text) => printed.push(text), consoleReceipts: fileReceipts(file) });
      const since = new Date().toISOString();
      await poster.post(digest, { nonce: "n-printed", attempt: 2, resumedSince: since });
      expect(printed).toHaveLength(1);
      // Intent recorded, killed before the print: no receipt, so the resumed run prints.
      await poster.post(digest, { nonce: "n-never-printed", attempt: 2, resumedSince: since });
      expect(printed).toHaveLength(2);
      expect(printed[1]).toContain(digest.title);
    } finally {
      await store.close();
    }
  });

  it("the CLI's console poster without receipts counts a resumed run as printed (at most once)", async () => {
    const store = await openSqlite(join(dir, "cli.db"));
    try {
      const out: string[] = [];
      const poster = createConsolePoster((t) => out.push(t));
      const digest = await digestIn(store, { platform: "console", externalId: "console" }, "console");
      await poster.post(digest, { nonce: "n1", attempt: 1 });
      await poster.post(digest, { nonce: "n1", attempt: 2, resumedSince: new Date().toISOString() });
      expect(out).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it("keeps the receipts file bounded, keeping the latest", () => {
    const file = join(dir, "bounded.log");
    const writer = fileReceipts(file, 3);
    for (let i = 0; i < 7; i++) writer.record(`n${i}`);
    const reader = fileReceipts(file, 3);
    expect(reader.printed("n6")).toBe(true);
    expect(reader.printed("n0")).toBe(false);
    expect(readFileSync(file, "utf8").trim().split("\n")).toEqual(["n4", "n5", "n6"]);
  });
});
