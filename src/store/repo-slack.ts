import { type Db, iso } from "./rows.js";
import type { SlackInstallationStore } from "./types.js";

const installKey = (q: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string => {
  if (q.isEnterpriseInstall && q.enterpriseId) return `E:${q.enterpriseId}`;
  if (q.teamId) return `T:${q.teamId}`;
  if (q.enterpriseId) return `E:${q.enterpriseId}`;
  throw new Error("a Slack installation needs a teamId or an enterpriseId");
};

export function slackInstallationStore(db: Db): SlackInstallationStore {
  return {
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
