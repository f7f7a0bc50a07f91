import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { commandRegistry } from "../../commands/registry.js";
import { runConsole } from "../../src/platforms/console/console.js";
import { openTestServices } from "../app/test-services.js";

describe("console shutdown", () => {
  it("stops reading on a signal even though stdin stays open, after answering what it read", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (d) => {
      text += d;
    });
    const controller = new AbortController();
    const services = await openTestServices();
    const done = runConsole({
      input,
      output,
      interactive: false,
      registry: commandRegistry,
      services,
      maxTextBytes: 10_000,
      signal: controller.signal,
    });
    input.write("/stories\n");
    while (!text.includes("No stories yet")) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await done;
    expect(text).toContain("No stories yet");
    expect(input.writableEnded).toBe(false);
    await services.close();
  });
});
