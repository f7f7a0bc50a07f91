import { describe, expect, it } from "vitest";
import { drainBatches } from "../../src/digest/batch-pipeline.js";

interface Item {
  id: number;
  lane: string;
}

/**
 * A store of due items by lane, claimed `batch` at a time in id order (what claimDueSlots does),
 * leaving out the lanes the pipeline names as full.
 */
function dueItems(counts: Record<string, number>, batch: number) {
  let next = 0;
  const due: Item[] = [];
  for (const [lane, n] of Object.entries(counts)) for (let i = 0; i < n; i++) due.push({ id: next++, lane });
  due.sort((a, b) => (a.id % 7) - (b.id % 7) || a.id - b.id);
  const claims: { skipped: string[]; got: number }[] = [];
  return {
    claims,
    claim: async (full: string[]) => {
      await new Promise((r) => setTimeout(r, 1));
      const taken: Item[] = [];
      for (let i = 0; i < due.length && taken.length < batch; )
        if (full.includes(due[i]!.lane)) i++;
        else taken.push(...due.splice(i, 1));
      const more = due.filter((d) => !full.includes(d.lane)).length > 0 || taken.length === batch;
      claims.push({ skipped: full, got: taken.length });
      return { items: taken, more };
    },
    left: () => due.length,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("drainBatches", () => {
  it("handles every item exactly once, across batches and lanes", async () => {
    const store = dueItems({ slack: 130, discord: 95, console: 7 }, 20);
    const seen = new Map<number, number>();
    await drainBatches<Item>({
      concurrency: 4,
      laneOf: (i) => i.lane,
      onItemError: () => {},
      claim: store.claim,
      handle: async (i) => {
        seen.set(i.id, (seen.get(i.id) ?? 0) + 1);
        await sleep(i.lane === "discord" ? 3 : 0);
      },
    });
    expect(store.left()).toBe(0);
    expect(seen.size).toBe(232);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it("keeps a slow lane from holding the others back, and claims nothing more for it while it is busy", async () => {
    const store = dueItems({ slack: 200, discord: 200 }, 20);
    const finished: Record<string, number[]> = { slack: [], discord: [] };
    const t0 = performance.now();
    let heldDiscord = 0;
    let maxHeldDiscord = 0;
    await drainBatches<Item>({
      concurrency: 4,
      laneOf: (i) => i.lane,
      onItemError: () => {},
      claim: async (full) => {
        const batch = await store.claim(full);
        heldDiscord += batch.items.filter((i) => i.lane === "discord").length;
        maxHeldDiscord = Math.max(maxHeldDiscord, heldDiscord);
        return batch;
      },
      handle: async (i) => {
        // Discord: a rate-limited platform, 4 in flight take 20 ms each.
        await sleep(i.lane === "discord" ? 20 : 0);
        if (i.lane === "discord") heldDiscord--;
        finished[i.lane]!.push(performance.now() - t0);
      },
    });
    const last = (lane: string) => Math.max(...finished[lane]!);
    expect(finished.slack).toHaveLength(200);
    expect(finished.discord).toHaveLength(200);
    // Slack was not paced by Discord: it finished well before Discord's 200 × 20 ms / 4 = 1 s.
    expect(last("slack")).toBeLessThan(last("discord") / 2);
    // Claims left Discord out while its workers were busy: it never held much more than a batch.
    expect(store.claims.some((c) => c.skipped.includes("discord"))).toBe(true);
    expect(maxHeldDiscord).toBeLessThanOrEqual(20 + 4);
  });

  it("reports an item's failure and goes on; a failed claim ends the pass after what is held", async () => {
    const errors: unknown[] = [];
    const handled: number[] = [];
    let claims = 0;
    const pass = drainBatches<number>({
      concurrency: 2,
      onItemError: (err) => errors.push(err),
      claim: async () => {
        claims++;
        if (claims === 3) throw new Error("store down");
        return { items: [claims * 10, claims * 10 + 1, claims * 10 + 2], more: true };
      },
      handle: async (n) => {
        if (n === 11) throw new Error("post failed");
        handled.push(n);
      },
    });
    await expect(pass).rejects.toThrow("store down");
    expect(errors.map((e) => (e as Error).message)).toEqual(["post failed"]);
    expect(handled.sort()).toEqual([10, 12, 20, 21, 22]);
  });

  it("claims once and ends when nothing is due", async () => {
    let claims = 0;
    await drainBatches<number>({
      concurrency: 8,
      onItemError: () => {},
      claim: async () => {
        claims++;
        return { items: [], more: false };
      },
      handle: async () => {},
    });
    expect(claims).toBe(1);
  });
});
