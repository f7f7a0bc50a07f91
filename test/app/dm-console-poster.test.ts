import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { createPlatformPoster } from "../../src/app/poster.js";
import type { Digest } from "../../src/digest/types.js";
import { createStore } from "../../src/store/index.js";
import { dmExternalId } from "../../src/store/repo-dm-digest.js";
import type { Store } from "../../src/store/types.js";

let store: Store;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "newsdesk-dm-console-"));
  store = await createStore({ DATA_DIR: dataDir, DATABASE_URL: undefined });
});
afterAll(async () => {
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function digestTo(channelExternalId: string): Promise<Digest> {
  const tenant = await store.tenants.ensure({ platform: "console", externalId: "console" });
  const channel = await store.channels.ensure(tenant.id, { externalId: channelExternalId });
  return {
    tenantId: tenant.id,
    channelId: channel.id,
    channelExternalId,
    slot: "2026-12-03T06:00:00.000Z",
    timezone: "Europe/Paris",
    title: "News digest — Thu 3 Dec 07:00",
    items: [
      {
        storyId: "s1",
        version: 1,
        title: "Talks resume",
        links: [],
        keyPoints: ["Talks resumed in Cairo."],
        allKeyPoints: ["Talks resumed in Cairo."],
      },
    ],
    nothingNew: false,
  };
}

describe("console digests", () => {
  it("prints a /digest me digest marked as the user's DM, and a channel's without the mark", async () => {
    const printed: string[] = [];
    const poster = createPlatformPoster(store, createLogger("silent"));
    poster.attach({ console: (text) => printed.push(text) });
    await poster.post(await digestTo(dmExternalId("console", "console")), { nonce: "n-dm", attempt: 1 });
    await poster.post(await digestTo("console"), { nonce: "n-channel", attempt: 1 });
    expect(printed).toHaveLength(2);
    expect(printed[0]!.startsWith("[DM to console]\n")).toBe(true);
    expect(printed[0]).toContain("Talks resumed in Cairo.");
    expect(printed[1]).not.toContain("[DM to");
  });
});
