import { describe, expect, it } from "vitest";
import { canonicalizeUrl } from "../../src/ingest/dedupe/canonical-url.js";
import { availableBackends } from "./backends.js";
import { sampleArticle, sampleBrief } from "./samples.js";

for (const backend of await availableBackends()) {
  describe(`story links (${backend.name})`, () => {
    it("shows an http:// article at its own address, not the https canonical key (issue 14)", async () => {
      const { store, cleanup } = await backend.open();
      try {
        const tenant = await store.tenants.ensure({ platform: "console", externalId: "local" });
        const url = "http://news.example.org/story?id=7";
        const a = sampleArticle(1, { url, canonicalUrl: canonicalizeUrl(url) });
        // The same article at https (another feed) is one link, not two.
        const b = sampleArticle(2, {
          url: "https://news.example.org/story?id=7",
          canonicalUrl: canonicalizeUrl(url),
        });
        expect(a.canonicalUrl).toMatch(/^https:/);
        const saved = [await store.articles.save(tenant.id, a), await store.articles.save(tenant.id, b)];
        const story = (key: string, ids: string[]) =>
          store.stories.save(tenant.id, {
            storyKey: key,
            title: "T",
            brief: sampleBrief("T"),
            articleIds: ids,
          });
        const one = (await story("one", [saved[0]!.id])).id;
        const both = (
          await story(
            "both",
            saved.map((s) => s.id),
          )
        ).id;
        const links = await store.stories.links(tenant.id, [one, both]);
        expect(links.get(one)?.map((l) => l.url)).toEqual([url]);
        expect(links.get(both)).toHaveLength(1);
      } finally {
        await cleanup();
      }
    });
  });
}
