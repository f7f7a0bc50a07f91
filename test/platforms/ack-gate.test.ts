import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { AckGate } from "../../src/platforms/types.js";

const nextPass = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("AckGate", () => {
  it("lets waiting work go one per pass of the event loop, so I/O runs between them", async () => {
    const gate = new AckGate(0);
    const events: string[] = [];
    await Promise.all(
      [0, 1, 2].map(async (i) => {
        await (i === 1 ? gate.clear() : gate.pause());
        events.push(`work ${i}`);
        // Stands for a request that arrived while work ${i} ran: it must be read before work i + 1.
        setImmediate(() => events.push(`io after ${i}`));
      }),
    );
    await nextPass();
    expect(events).toEqual(["work 0", "io after 0", "work 1", "io after 1", "work 2", "io after 2"]);
  });

  it("holds paused work while a request still awaits its ack", async () => {
    const gate = new AckGate(0);
    const res = new EventEmitter();
    gate.track(res);
    const events: string[] = [];
    const paused = gate.pause().then(() => events.push("work"));
    for (let i = 0; i < 5; i++) await nextPass();
    events.push("ack sent");
    res.emit("close");
    await paused;
    expect(events).toEqual(["ack sent", "work"]);
    expect(gate.pending).toBe(0);
  });

  it("counts a held ack (Discord's deferReply) until released, once however often release is called", async () => {
    const gate = new AckGate(0);
    const release = gate.hold();
    const other = gate.hold();
    expect(gate.pending).toBe(2);
    release();
    release();
    expect(gate.pending).toBe(1);
    const events: string[] = [];
    const paused = gate.pause().then(() => events.push("work"));
    for (let i = 0; i < 5; i++) await nextPass();
    expect(events).toEqual([]);
    other();
    await paused;
    expect(events).toEqual(["work"]);
    expect(gate.pending).toBe(0);
  });
});
