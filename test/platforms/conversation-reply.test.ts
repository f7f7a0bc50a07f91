import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { startConversationReply } from "../../src/platforms/conversation-reply.js";
import { InFlight } from "../../src/platforms/types.js";

function deps(pause: () => Promise<void> = async () => {}) {
  const lines: { msg: string; err?: string }[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { inFlight: new InFlight(), pause, log: createLogger("info", sink), lines };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("startConversationReply", () => {
  it("runs the work only after the pause, and a shutdown waits for it", async () => {
    let openGate!: () => void;
    const d = deps(() => new Promise<void>((resolve) => (openGate = resolve)));
    const events: string[] = [];
    let finish!: () => void;
    startConversationReply(d, "slack", async () => {
      events.push("work");
      await new Promise<void>((resolve) => (finish = resolve));
      events.push("done");
    });
    await settle();
    expect(events).toEqual([]);
    expect(d.inFlight.size).toBe(1);
    openGate();
    await settle();
    expect(events).toEqual(["work"]);
    const drained = d.inFlight.drain(5_000).then(() => events.push("drained"));
    await settle();
    expect(events).toEqual(["work"]);
    finish();
    await drained;
    expect(events).toEqual(["work", "done", "drained"]);
    expect(d.inFlight.size).toBe(0);
  });

  it.each([
    ["the work", "discord", async () => {}, async () => Promise.reject(new Error("no channel"))],
    ["the pause", "slack", async () => Promise.reject(new Error("no channel")), async () => {}],
  ] as const)(
    "logs a failure of %s with the platform, and throws nothing",
    async (_what, platform, pause, work) => {
      const d = deps(pause);
      expect(() => startConversationReply(d, platform, work)).not.toThrow();
      await settle();
      await settle();
      expect(d.lines).toMatchObject([
        { msg: `${platform}: conversation reply failed`, err: "Error: no channel" },
      ]);
      expect(d.inFlight.size).toBe(0);
    },
  );
});
