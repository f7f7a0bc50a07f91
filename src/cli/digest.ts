import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { type Clock, ManualClock, systemClock } from "../digest/clock.js";
import { createConsolePoster, digestToReply } from "../digest/reply.js";
import { createDigestRunner } from "../digest/runner.js";
import {
  describeSchedule,
  nextSlot,
  parseSchedule,
  parseStoredSchedule,
  ScheduleError,
} from "../digest/schedule.js";
import { fileReceipts, receiptsFile } from "../platforms/console/receipts.js";
import { renderText } from "../render/text.js";
import { createStore, StoreOpenError } from "../store/open.js";
import type { Channel, Store } from "../store/types.js";
import { type CliCommand, type CliIO, UserError } from "./types.js";
import { usages } from "./usage.js";

const usage = usages.digest;

async function openStore(
  env: CliIO["env"],
): Promise<{ store: Store; config: ReturnType<typeof loadConfig> }> {
  const config = loadConfig(env);
  try {
    return { store: await createStore(config), config };
  } catch (err) {
    if (err instanceof StoreOpenError) throw new UserError(err.message);
    throw err;
  }
}

async function resolveChannel(store: Store, ref: string, tenant?: string): Promise<Channel | undefined> {
  const found = await store.worker.findChannels(ref);
  if (tenant) {
    const [platform, externalId] = tenant.split(":");
    const t = await store.tenants.ensure({ platform, externalId });
    return found.find((c) => c.tenantId === t.id);
  }
  if (found.length > 1) {
    throw new UserError(
      `channel "${ref}" exists in ${found.length} workspaces: add --tenant <platform:workspace>`,
    );
  }
  return found[0];
}

export const digestCommand: CliCommand = {
  name: "digest",
  summary: "preview, schedule and run the scheduled channel digests",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        preview: { type: "string" },
        schedule: { type: "string" },
        parse: { type: "string" },
        "run-once": { type: "boolean", default: false },
        at: { type: "string" },
        status: { type: "string" },
        tenant: { type: "string" },
        timezone: { type: "string" },
        json: { type: "boolean", default: false },
      },
    });
    const out = (text: string) => io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    if (values.tenant !== undefined && !/^[^:\s]+:[^:\s]+$/.test(values.tenant)) {
      throw new UserError(
        `--tenant must look like platform:workspace (e.g. slack:T0123), got "${values.tenant}"`,
      );
    }
    let clock: Clock = systemClock;
    if (values.at !== undefined) {
      if (Number.isNaN(Date.parse(values.at)))
        throw new UserError(`--at needs an ISO time like 2026-12-01T08:00:00Z`);
      clock = new ManualClock(values.at);
    }

    if (values.parse !== undefined) {
      const config = loadConfig(io.env);
      try {
        const p = parseSchedule(values.parse, values.timezone ?? config.DEFAULT_TIMEZONE);
        out(
          values.json
            ? JSON.stringify({ ...p, next: nextSlot(p, clock.now())?.toISOString() ?? null })
            : describeSchedule(p, clock.now()),
        );
        return 0;
      } catch (err) {
        if (err instanceof ScheduleError) throw new UserError(err.message);
        throw err;
      }
    }

    const { store, config } = await openStore(io.env);
    try {
      if (values.schedule !== undefined) {
        const text = positionals.join(" ");
        if (!text)
          throw new UserError('--schedule needs the schedule after the channel, e.g. "weekdays 07:30"');
        let channel = await resolveChannel(store, values.schedule, values.tenant);
        if (!channel && values.tenant) {
          const [platform, externalId] = values.tenant.split(":");
          const t = await store.tenants.ensure({ platform, externalId });
          channel = await store.channels.ensure(t.id, { externalId: values.schedule });
        }
        if (!channel)
          throw new UserError(
            `no channel "${values.schedule}" (add --tenant <platform:workspace> to create it)`,
          );
        let p: ReturnType<typeof parseSchedule>;
        try {
          p = parseSchedule(text, channel.timezone ?? config.DEFAULT_TIMEZONE);
        } catch (err) {
          if (err instanceof ScheduleError) throw new UserError(err.message);
          throw err;
        }
        const next = nextSlot(p, clock.now());
        if (!next) throw new UserError("this schedule never runs");
        await store.schedules.set(
          channel.tenantId,
          channel.id,
          { spec: p.spec, timezone: p.timezone, nextSlotAt: next },
          clock.now(),
        );
        out(
          values.json
            ? JSON.stringify({
                channel: channel.id,
                spec: p.spec,
                timezone: p.timezone,
                next: next.toISOString(),
              })
            : `Digest for ${channel.externalId}: ${describeSchedule(p, clock.now())}`,
        );
        return 0;
      }

      const runner = createDigestRunner({
        store,
        clock,
        poster: createConsolePoster(out, fileReceipts(receiptsFile(config.DATA_DIR))),
        maxStories: config.DIGEST_MAX_STORIES,
        postEmpty: config.DIGEST_POST_EMPTY,
        // Two runs at once on one PostgreSQL take disjoint batches; a killed run's claims return after this.
        leaseMs: config.WORK_LEASE_SECONDS * 1000,
      });

      if (values.preview !== undefined) {
        const channel = await resolveChannel(store, values.preview, values.tenant);
        if (!channel) throw new UserError(`no channel "${values.preview}" in the store`);
        const digest = await runner.preview(channel.tenantId, channel.id);
        if (values.json) out(JSON.stringify(digest ?? null));
        else
          out(
            digest
              ? renderText(digestToReply(digest, { replies: false }))
              : `Nothing new for ${channel.externalId} since its last digest.`,
          );
        return 0;
      }

      if (values.status !== undefined) {
        const channel = await resolveChannel(store, values.status, values.tenant);
        if (!channel) throw new UserError(`no channel "${values.status}" in the store`);
        const schedule = await store.schedules.get(channel.tenantId, channel.id);
        const runs = await store.digests.listRuns(channel.tenantId, channel.id, 5);
        if (values.json) {
          out(
            JSON.stringify({
              channel,
              schedule: schedule ?? null,
              runs: runs.map(({ digest: _d, ...r }) => r),
            }),
          );
          return 0;
        }
        if (!schedule) out(`${channel.externalId}: no digest schedule`);
        else {
          const p = parseStoredSchedule(schedule);
          out(`${channel.externalId}: ${p.description} ${p.timezone}`);
          out(schedule.pausedReason ? `PAUSED: ${schedule.pausedReason}` : `next: ${schedule.nextSlotAt}`);
        }
        for (const r of runs)
          out(
            `  ${r.slot}  ${r.status}${r.messageId ? ` ${r.messageId}` : ""}${r.lastError ? ` (${r.lastError})` : ""}`,
          );
        return 0;
      }

      if (values["run-once"]) {
        const report = await runner.tick();
        io.stderr.write(`${JSON.stringify(report)}\n`);
        return 0;
      }
      throw new UserError(
        `say what to do: --preview, --schedule, --parse, --run-once or --status\n\n${usage}`,
      );
    } finally {
      await store.close();
    }
  },
};
