import type { webApi } from "@slack/bolt";

type WebClient = webApi.WebClient;

/**
 * Who may change feeds and digests in a Slack workspace: its admins and owners, plus members of
 * the user group named by ADMIN_ROLE (its handle). Answers are cached for five minutes so an admin
 * command does not cost several API calls each time; anything that fails to load means "not an admin".
 */
export function createSlackAdminCheck(adminGroupHandle: string | undefined, ttlMs = 5 * 60_000) {
  const cache = new Map<string, { admin: boolean; until: number }>();
  return async function isAdmin(client: WebClient, teamId: string, userId: string): Promise<boolean> {
    const key = `${teamId}:${userId}`;
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.admin;
    let admin = false;
    try {
      const info = await client.users.info({ user: userId });
      admin = !!(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner);
      if (!admin && adminGroupHandle) {
        const groups = await client.usergroups.list({});
        const group = groups.usergroups?.find((g) => g.handle === adminGroupHandle.replace(/^@/, ""));
        if (group?.id) {
          const members = await client.usergroups.users.list({ usergroup: group.id });
          admin = !!members.users?.includes(userId);
        }
      }
    } catch {
      admin = false;
    }
    cache.set(key, { admin, until: Date.now() + ttlMs });
    return admin;
  };
}
