import type { Logger } from "pino";
import type { DigestRun, Store } from "../store/types.js";
import type { Clock } from "./clock.js";
import { shownOf } from "./compose.js";
import type { RunComposer } from "./runner-compose.js";
import { type Digest, DigestPostError, type DigestPoster, digestSchema } from "./types.js";

export interface RunPosterOptions {
  store: Store;
  poster: DigestPoster;
  clock: Clock;
  compose: RunComposer;
  /** The lease owner: every store write below only succeeds while this process holds the run. */
  owner: string;
  /** The intent renews the run's lease for this long: the post has it all. */
  leaseMs: number;
  maxAttempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  logger?: Pick<Logger, "info" | "warn" | "error">;
}

/** What became of a run (counted in the tick report); undefined when another instance took it over. */
export type RunOutcome = "posted" | "skipped" | "retried" | "failed";

/**
 * The post step of the runner: posts a claimed or resumed run, composing it first if needed, and on
 * failure schedules a retry with exponential backoff or, when retries are spent or the error is
 * permanent, pauses the schedule.
 */
export function createRunPoster(opts: RunPosterOptions) {
  const { store, clock, owner, leaseMs, maxAttempts, backoffMs, maxBackoffMs } = opts;

  return async function postRun(
    run: DigestRun,
    missedSlots: number,
    composed?: Digest,
  ): Promise<RunOutcome | undefined> {
    const now = clock.now();
    try {
      let digest: Digest | undefined = composed;
      // Just composed after a bare claim: stored with the intent below, in the same statement.
      const toStore = composed && run.digest === null ? composed : undefined;
      if (digest) {
        // At hand: no need to read it back.
      } else if (run.digest === null) {
        // Composed once and stored: a resumed run posts exactly what the first attempt would have.
        digest = await opts.compose(run, missedSlots);
        if (!digest) {
          await store.worker.markSkipped(run.id, owner, now);
          return "skipped";
        }
        if (!(await store.worker.saveRunDigest(run.id, owner, digest))) return undefined;
      } else {
        digest = digestSchema.parse(run.digest);
      }
      // Intent before post: once this commit returns, a crash anywhere in the post leaves a run
      // that says it may have gone out, and since when. A run already "posting" keeps its time.
      const resumedSince = run.status === "posting" ? (run.postingAt ?? run.createdAt) : undefined;
      const intentAt = clock.now();
      const leaseUntil = new Date(intentAt.getTime() + leaseMs);
      if (!(await store.worker.markPosting(run.id, owner, intentAt, { digest: toStore, leaseUntil }))) {
        return undefined;
      }
      const context = {
        nonce: run.nonce,
        attempt: run.attempts + 1,
        ...(resumedSince ? { resumedSince } : {}),
      };
      const { messageId } = await opts.poster.post(digest, context);
      await store.worker.markPosted(run.id, owner, messageId, shownOf(digest), clock.now());
      return "posted";
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const permanent = err instanceof DigestPostError && err.permanent;
      const attempts = run.attempts + 1;
      if (permanent || attempts >= maxAttempts) {
        const why = `digest paused after ${attempts} failed attempt${attempts === 1 ? "" : "s"}: ${reason}`;
        await store.worker.markFailed(run.id, owner, why, clock.now());
        opts.logger?.error({ channelId: run.channelId, slot: run.slot, err: reason }, "digest paused");
        return "failed";
      }
      const hinted = err instanceof DigestPostError ? err.retryAfterMs : undefined;
      const delay = Math.max(hinted ?? 0, Math.min(maxBackoffMs, backoffMs * 2 ** (attempts - 1)));
      // A first attempt that reached nothing withdraws its intent; one that may have posted keeps it.
      const nothingSent = err instanceof DigestPostError && err.nothingSent && run.status !== "posting";
      await store.worker.markRetry(
        run.id,
        owner,
        reason,
        new Date(clock.now().getTime() + delay),
        nothingSent,
      );
      opts.logger?.warn({ channelId: run.channelId, slot: run.slot, err: reason, delay }, "digest retry");
      return "retried";
    }
  };
}
