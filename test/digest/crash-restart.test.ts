import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqlite } from "../../src/store/index.js";
import { addStory } from "./helpers.js";
import { dueOnce, startWorker } from "./spawn-worker.js";

const tmp = mkdtempSync(join(tmpdir(), "newsdesk-proc-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("kill and restart a worker process (SQLite)", () => {
  it("resumes the unfinished claim after a crash and posts it exactly once", async () => {
    const file = join(tmp, "crash.db");
    const store = await openSqlite(file);
    const tenant = await store.tenants.ensure({ platform: "discord", externalId: "G-crash" });
    const channel = await store.channels.ensure(tenant.id, { externalId: "crash-chan" });
    await addStory(store, tenant.id, { channelId: channel.id }, new Date(), { title: "Crash story" });
    await dueOnce(store, tenant.id, channel.id);
    await store.close();
    const deliveries = join(tmp, "crash-deliveries.txt");
    const env = { SQLITE_FILE: file, DELIVERY_FILE: deliveries, LEASE_MS: "1500", RUN_MS: "20000" };

    // First process: the platform accepts the post, then the process is killed before recording it.
    const first = startWorker({ ...env, POSTER_MODE: "hang", WORKER_NAME: "first" });
    await first.waitFor("POST crash-chan");
    first.child.kill("SIGKILL");
    await first.exited;
    const reopened = await openSqlite(file);
    const [pending] = await reopened.digests.listRuns(tenant.id, channel.id);
    // The intent was recorded before the post: the resumed run knows it may have gone out.
    expect(pending.status).toBe("posting");
    expect(pending.postingAt).not.toBeNull();
    await reopened.close();

    // Second process: resumes the run once the lease lapsed; the same nonce means no second delivery.
    const second = startWorker({ ...env, RUN_MS: "15000", EXIT_WHEN: "posted", WORKER_NAME: "second" });
    expect(await second.exited).toBe(0);
    const after = await openSqlite(file);
    const [run] = await after.digests.listRuns(tenant.id, channel.id);
    await after.close();
    expect(run.status).toBe("posted");
    expect(run.messageId).toBe("msg-first-crash-chan");
    expect(readFileSync(deliveries, "utf8").trim().split("\n")).toEqual([
      `${run.nonce} msg-first-crash-chan`,
    ]);
  }, 60_000);
});
