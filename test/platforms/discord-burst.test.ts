import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { type RunningNewsdesk, startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { openTestServices } from "../app/test-services.js";
import { type RestCall, slashInteraction, startDiscordStandIn } from "./discord-standin.js";

// A burst of /add commands, each pasting a different article, so every command's work (the
// extractive analysis, synchronous) is real and none is a duplicate of another.
const BURST = 30;
const fixture = readFileSync(new URL("../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");
const paragraphs = fixture.split(/\n\s*\n/).filter((p) => p.trim());

/** The fixture's paragraphs rotated by `i`, within the /add option's 6000 characters. */
function article(i: number): string {
  const rotated = [...paragraphs.slice(i % paragraphs.length), ...paragraphs.slice(0, i % paragraphs.length)];
  let text = "";
  for (const p of rotated) {
    if (text.length + p.length + 2 > 5_800) break;
    text += `${p}\n\n`;
  }
  return text.trim();
}

let standIn: Awaited<ReturnType<typeof startDiscordStandIn>>;
let app: RunningNewsdesk;

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  const config = loadConfig({
    DISCORD_TOKEN: "test-token",
    DISCORD_APP_ID: "200",
    DISCORD_API_URL: standIn.apiUrl,
    LOG_LEVEL: "warn",
  });
  app = await startNewsdesk({
    config,
    services: await openTestServices(),
    stdin: process.stdin,
    stdout: process.stdout,
    interactive: false,
    logger: createLogger("warn"),
  });
});

afterAll(async () => {
  await app?.stop();
  await standIn?.close();
});

describe("Discord under a burst of interactions (real discord.js, local gateway and REST)", () => {
  it("sends every deferral before any command's result, and then answers every command", async () => {
    const ids = Array.from({ length: BURST }, (_, i) => String(9000 + i));
    // All at once on the gateway, as a busy server's members would send them.
    for (const [i, id] of ids.entries()) {
      standIn.dispatch(
        "INTERACTION_CREATE",
        slashInteraction(id, "add", [{ type: 3, name: "article", value: article(i) }]),
      );
    }
    const edits = await Promise.all(
      ids.map((id) =>
        standIn.waitFor(
          (c) => c.method === "PATCH" && c.path === `/webhooks/200/token-${id}/messages/@original`,
        ),
      ),
    );
    for (const edit of edits) expect(JSON.stringify(edit.body)).not.toMatch(/went wrong|only admins/i);

    const ofBurst = (c: RestCall, pattern: RegExp) => {
      const m = pattern.exec(c.path);
      return !!m && ids.includes(m[1]!);
    };
    const callbacks = standIn.calls.filter((c) => ofBurst(c, /^\/interactions\/(\d+)\/token-\d+\/callback$/));
    expect(callbacks).toHaveLength(BURST);
    for (const c of callbacks) expect(c.body?.type).toBe(5);
    // A command's result is the edit of its deferred reply or a follow-up (POST to the webhook).
    const firstResult = standIn.calls.findIndex(
      (c) =>
        ofBurst(c, /^\/webhooks\/200\/token-(\d+)\/messages\/@original$/) ||
        (c.method === "POST" && ofBurst(c, /^\/webhooks\/200\/token-(\d+)$/)),
    );
    expect(firstResult).toBeGreaterThan(-1);
    // The interactions whose deferral reached Discord only after some command's result had.
    const deferredLate = callbacks
      .filter((c) => standIn.calls.indexOf(c) > firstResult)
      .map((c) => c.path.split("/")[2]);
    expect(deferredLate).toEqual([]);
  });
});
