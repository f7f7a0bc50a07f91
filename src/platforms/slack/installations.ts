import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { SlackInstallationStore } from "../../store/types.js";

/** Bolt's InstallationStore over our store, for multi-workspace (OAuth) installs. */
export function boltInstallationStore(store: SlackInstallationStore): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      await store.save({
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        botToken: installation.bot?.token ?? "",
        botUserId: installation.bot?.userId ?? "",
        installation,
      });
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const record = await store.find(query);
      if (!record) throw new Error(`no Slack installation for ${query.enterpriseId ?? query.teamId}`);
      return record.installation as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await store.delete(query);
    },
  };
}
