/**
 * What `/newsdesk help <command>` shows under each action, keyed "command" or "command subcommand".
 * Kept beside the registry rather than in every command file; test/commands/help.test.ts checks
 * that every action has one and that each parses to its own action with no words left over, so
 * they cannot drift from the options.
 */
export const commandExamples: Record<string, readonly string[]> = {
  summary: ["/summary", "/summary ceasefire", "/summary https://example.com/news/story.html"],
  who: ["/who it's looking tough", "/who we are close story:ab12"],
  ask: ["/ask how long would the pause last?", "/ask who met Gantz? story:ceasefire"],
  quotes: ["/quotes", "/quotes Kirby", "/quotes speaker:Biden story:ab12"],
  questions: ["/questions", "/questions ceasefire"],
  add: ["/add https://example.com/news/story.html", "/add Talks resumed in Cairo on Monday. …"],
  "stories list": ["/stories list", "/stories list 25"],
  "stories remove": ["/stories remove 3f2a9c1e"],
  "feeds add": [
    "/feeds add https://example.com/rss.xml",
    '/feeds add https://example.com/rss.xml include:"climate OR energy" exclude:sports',
    "/feeds add https://example.com/rss.xml mode:alert backfill:3",
  ],
  "feeds filter": [
    "/feeds filter example.com include:climate exclude:sports",
    "/feeds filter https://example.com/rss.xml include:none exclude:none",
  ],
  "feeds mode": [
    "/feeds mode https://example.com/rss.xml alert",
    "/feeds mode https://example.com/rss.xml digest",
  ],
  "feeds import": [
    "/feeds import https://example.com/feeds.opml",
    "/feeds import https://example.com/feeds.opml mode:alert",
  ],
  "feeds export": ["/feeds export"],
  "feeds remove": ["/feeds remove https://example.com/rss.xml"],
  "feeds list": ["/feeds list"],
  "feeds test": ["/feeds test https://example.com/rss.xml"],
  "digest set": ["/digest set daily 08:00", "/digest set weekdays 07:30 timezone:Europe/Berlin"],
  "digest now": ["/digest now"],
  "digest off": ["/digest off"],
  "digest mute": ['/digest mute sports "transfer window"', "/digest mute"],
  "digest unmute": ["/digest unmute sports", "/digest unmute"],
  "digest show": ["/digest show"],
  "digest me": ["/digest me daily 07:00 Europe/Paris", "/digest me off", "/digest me"],
  "newsdesk help": ["/newsdesk help", "/newsdesk help digest"],
  "newsdesk autolinks": [
    "/newsdesk autolinks on",
    "/newsdesk autolinks off",
    "/newsdesk autolinks on unfurl:example.com,news.example.org",
  ],
};
