/**
 * Canonical form of an article URL, so the same article reached through a newsletter link, a
 * feed and a share button is recognised as one: lower-case host without "www." and "amp.", no
 * fragment, no tracking parameters, no AMP path variants, no default port, sorted query.
 */

const TRACKING_PARAMS =
  /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ref|ref_src|ref_url|referrer|cmpid|cmp|ncid|ocid|sr_share|share|smid|smtyp|mbid|s_cid|cid|icid|ito|taid|guccounter|guce_referrer|guce_referrer_sig|soc_src|soc_trk|at_medium|at_campaign|at_custom\d*|__twitter_impression|rss|feature|outputtype|amp|output)$/i;

export function canonicalizeUrl(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  url.hash = "";
  url.username = "";
  url.password = "";
  // http and https copies of an article are the same article.
  url.protocol = "https:";
  url.port = url.port === "80" || url.port === "443" ? "" : url.port;
  url.hostname = url.hostname.toLowerCase().replace(/^(www\d?|amp|m|mobile)\./, "");
  let path = url.pathname
    .replace(/\/amp(\/|\.html?)?$/i, "/")
    .replace(/\.amp(\.html?)?$/i, "$1")
    .replace(/^\/amp\//i, "/")
    .replace(/\/index\.html?$/i, "/");
  if (path.length > 1) path = path.replace(/\/+$/, "");
  url.pathname = path || "/";
  const kept = [...url.searchParams].filter(([k]) => !TRACKING_PARAMS.test(k));
  kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  url.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : "";
  return url.toString();
}
