import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { storyBriefSchema } from "../core/brief-schema.js";
import type { StoryBrief } from "../core/types.js";
import type {
  ChannelTable,
  Database,
  DigestRunTable,
  FeedTable,
  ScheduleTable,
  StoryTable,
  TenantTable,
} from "./schema.js";
import type {
  Channel,
  DigestRun,
  DigestRunStatus,
  Feed,
  Schedule,
  ShownStory,
  StoredStory,
  Tenant,
} from "./types.js";

/** Either the database or an open transaction: repository code runs on both. */
export type Db = Kysely<Database> | Transaction<Database>;

export const newId = (): string => randomUUID();
export const iso = (d: Date): string => d.toISOString();

/** Whether the channel is one of the tenant's: an id from another workspace is "not found". */
export async function tenantHasChannel(db: Db, tenantId: string, channelId: string): Promise<boolean> {
  const row = await db
    .selectFrom("channels")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", channelId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records story versions as shown in a channel (one multi-row upsert: a digest of N stories costs
 * one statement, not N); `postedBy` names the post that showed them (a run id, or an on-demand nonce).
 */
export async function upsertShown(
  db: Db,
  where: { tenantId: string; channelId: string; postedBy: string; now: Date },
  shown: ShownStory[],
): Promise<void> {
  if (!shown.length) return;
  await db
    .insertInto("shown_stories")
    .values(
      shown.map((s) => ({
        tenant_id: where.tenantId,
        channel_id: where.channelId,
        story_id: s.storyId,
        version: s.version,
        key_points_json: JSON.stringify(s.keyPoints),
        run_id: where.postedBy,
        shown_at: iso(where.now),
      })),
    )
    .onConflict((oc) =>
      oc.columns(["channel_id", "story_id"]).doUpdateSet((eb) => ({
        version: eb.ref("excluded.version"),
        key_points_json: eb.ref("excluded.key_points_json"),
        run_id: eb.ref("excluded.run_id"),
        shown_at: eb.ref("excluded.shown_at"),
      })),
    )
    .execute();
}

/** Parses a brief read back from the database; a row that no longer matches the schema is an error, not data. */
export function parseBrief(json: string, where: string): StoryBrief {
  const result = storyBriefSchema.safeParse(JSON.parse(json));
  if (!result.success)
    throw new Error(`stored brief ${where} is invalid: ${result.error.issues[0]?.message}`);
  return result.data as StoryBrief;
}

export const toTenant = (r: TenantTable): Tenant => ({
  id: r.id,
  platform: r.platform,
  externalId: r.external_id,
  name: r.name,
});

export const toChannel = (r: ChannelTable): Channel => ({
  id: r.id,
  tenantId: r.tenant_id,
  externalId: r.external_id,
  name: r.name,
  timezone: r.timezone,
});

export const toFeed = (r: FeedTable): Feed => ({
  id: r.id,
  tenantId: r.tenant_id,
  url: r.url,
  title: r.title,
  etag: r.etag,
  lastModified: r.last_modified,
  lastPolledAt: r.last_polled_at,
  nextPollAt: r.next_poll_at,
  lastError: r.last_error,
  errorCount: Number(r.error_count),
  state: r.state_json === null ? null : JSON.parse(r.state_json),
  disabledReason: r.disabled_reason,
});

export const toStory = (r: StoryTable): StoredStory => ({
  id: r.id,
  tenantId: r.tenant_id,
  storyKey: r.story_key,
  title: r.title,
  version: Number(r.version),
  brief: parseBrief(r.brief_json, `of story ${r.id}`),
  articleCount: Number(r.article_count),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  ...(r.removed_at ? { removedAt: r.removed_at } : {}),
});

export const toSchedule = (r: ScheduleTable): Schedule => ({
  channelId: r.channel_id,
  tenantId: r.tenant_id,
  spec: r.spec,
  timezone: r.timezone,
  nextSlotAt: r.next_slot_at,
  pausedReason: r.paused_reason,
  pausedAt: r.paused_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toRun = (r: DigestRunTable): DigestRun => ({
  id: r.id,
  tenantId: r.tenant_id,
  channelId: r.channel_id,
  slot: r.slot,
  status: r.status as DigestRunStatus,
  digest: r.digest_json === null ? null : JSON.parse(r.digest_json),
  nonce: r.nonce,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  messageId: r.message_id,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  postingAt: r.posting_at ?? null,
});
