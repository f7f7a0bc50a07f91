import {
  DIGEST_LAYOUTS,
  DigestOptionsError,
  describeDigestOptions,
  digestOptionsOf,
  digestOptionsSchema,
  parseSections,
  type StoredDigestOptions,
} from "../../digest/options.js";
import { type DigestService, UserFacingError } from "../services.js";
import type { ServiceScope } from "./deps.js";

const EXAMPLE = "Example: /digest set stories:5 layout:compact sections:points,quote";

/** A channel's digest options: how many stories, which sections, full or compact. */
export function createDigestOptionsService(
  scope: ServiceScope,
  defaultStories: number,
): Pick<DigestService, "setOptions"> {
  const { store, tenantId, channelId } = scope;
  return {
    async setOptions(tenant, channel, change) {
      const tid = await tenantId(tenant);
      const ch = await channelId(tid, channel);
      const stored = digestOptionsSchema.safeParse((await store.filters.digestOptions(tid, ch)) ?? {});
      const next: StoredDigestOptions = stored.success ? { ...stored.data } : {};
      if (change.stories !== undefined) next.stories = change.stories;
      if (change.layout !== undefined) {
        const layout = change.layout.trim().toLowerCase();
        if (!(DIGEST_LAYOUTS as readonly string[]).includes(layout))
          throw new UserFacingError(
            `"${change.layout}" is not a layout; say ${DIGEST_LAYOUTS.join(" or ")}.`,
            EXAMPLE,
          );
        next.layout = layout as StoredDigestOptions["layout"];
      }
      if (change.sections !== undefined) {
        try {
          next.sections = parseSections(change.sections);
        } catch (err) {
          if (err instanceof DigestOptionsError) throw new UserFacingError(`${err.message}.`, EXAMPLE);
          throw err;
        }
      }
      await store.filters.setDigestOptions(tid, ch, next);
      return describeDigestOptions(digestOptionsOf(next), defaultStories);
    },
  };
}
