import { type Client, Routes } from "discord.js";

/**
 * Whether a member holds ADMIN_ROLE, given by id or by name. Names are resolved per guild via
 * REST and cached for five minutes (the gateway cache may be empty: we ask for no member intents).
 */
export function createRoleCheck(client: Client, adminRole: string | undefined, ttlMs = 5 * 60_000) {
  const byGuild = new Map<string, { ids: Set<string>; until: number }>();
  return async function hasAdminRole(guildId: string | null, roleIds: string[]): Promise<boolean> {
    if (!adminRole || !guildId || roleIds.length === 0) return false;
    if (roleIds.includes(adminRole)) return true;
    let entry = byGuild.get(guildId);
    if (!entry || entry.until < Date.now()) {
      try {
        const roles = (await client.rest.get(Routes.guildRoles(guildId))) as { id: string; name: string }[];
        const wanted = adminRole.replace(/^@/, "").toLowerCase();
        entry = {
          ids: new Set(roles.filter((r) => r.name.toLowerCase() === wanted).map((r) => r.id)),
          until: Date.now() + ttlMs,
        };
      } catch {
        entry = { ids: new Set(), until: Date.now() + 30_000 };
      }
      byGuild.set(guildId, entry);
    }
    return roleIds.some((id) => entry.ids.has(id));
  };
}
