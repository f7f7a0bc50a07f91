import { type Db, iso } from "./rows.js";
import type { DeliveryKeys, SlackInstallationStore, TenantStore } from "./types.js";

const installKey = (q: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string => {
  if (q.isEnterpriseInstall && q.enterpriseId) return `E:${q.enterpriseId}`;
  if (q.teamId) return `T:${q.teamId}`;
  if (q.enterpriseId) return `E:${q.enterpriseId}`;
  throw new Error("a Slack installation needs a teamId or an enterpriseId");
};

export function slackInstallationStore(db: Db, tenants: TenantStore): SlackInstallationStore {
  return {
    tenants,
    async save(rec) {
      const values = {
        team_id: rec.teamId ?? null,
        enterprise_id: rec.enterpriseId ?? null,
        bot_token: rec.botToken,
        bot_user_id: rec.botUserId,
        installation_json: JSON.stringify(rec.installation ?? null),
        updated_at: iso(new Date()),
      };
      const key = installKey({ ...rec, isEnterpriseInstall: !rec.teamId });
      await db
        .insertInto("slack_installations")
        .values({ install_key: key, ...values })
        .onConflict((oc) => oc.column("install_key").doUpdateSet(values))
        .execute();
    },
    async find(q) {
      const keys = [installKey(q)];
      if (q.enterpriseId && !q.isEnterpriseInstall) keys.push(`E:${q.enterpriseId}`);
      for (const key of keys) {
        const r = await db
          .selectFrom("slack_installations")
          .selectAll()
          .where("install_key", "=", key)
          .executeTakeFirst();
        if (r) {
          return {
            ...(r.team_id ? { teamId: r.team_id } : {}),
            ...(r.enterprise_id ? { enterpriseId: r.enterprise_id } : {}),
            botToken: r.bot_token,
            botUserId: r.bot_user_id,
            installation: JSON.parse(r.installation_json),
          };
        }
      }
      return undefined;
    },
    async delete(q) {
      const r = await db
        .deleteFrom("slack_installations")
        .where("install_key", "=", installKey(q))
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

/** Expired keys are deleted every this many claims (per process), so the table stays small. */
const PURGE_EVERY = 500;

export function deliveryKeys(db: Db): DeliveryKeys {
  let claims = 0;
  return {
    async claim(key, ttlMs, now = new Date()) {
      if (++claims % PURGE_EVERY === 0) {
        await db.deleteFrom("delivery_keys").where("expires_at", "<", iso(now)).execute();
      }
      // One statement on both backends: a new key is inserted, an expired one taken over, a live
      // one left alone — and only the first two return a row.
      const row = await db
        .insertInto("delivery_keys")
        .values({ delivery_key: key, expires_at: iso(new Date(now.getTime() + ttlMs)) })
        .onConflict((oc) =>
          oc
            .column("delivery_key")
            .doUpdateSet((eb) => ({ expires_at: eb.ref("excluded.expires_at") }))
            .where("delivery_keys.expires_at", "<=", iso(now)),
        )
        .returning("delivery_key")
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
