import { MAX_QUESTION_CHARS } from "../core/qa/question.js";

/**
 * The usage text of every `newsdesk <command> --help`, kept apart from the commands' modules so
 * that `--help` answers without loading one (extract, feed and digest pull in the HTML extractor,
 * the fetcher or the store: 0.3–0.5 s of CPU). Each module shows its own entry in its messages.
 */
export const usages = {
  start: `Usage: newsdesk start

Runs the bot. With DISCORD_TOKEN and/or SLACK_BOT_TOKEN set (see .env.example) it connects to those
platforms; with no platform token it starts the console: type /summary, /add <url|file>, /who …
(one command per line; piped input works too and exits at its end). Settings are read from the
environment and from a .env file in the current directory.

In a terminal the console edits lines, keeps a history (DATA_DIR/console_history; up arrow), and
completes command names and options with Tab; its logs go to DATA_DIR/console.log.`,
  summary: `Usage: newsdesk summary <file | - | url> [--json] [--engine auto|extractive|llm]
       newsdesk summary --jsonl < items.jsonl

Prints the story brief: key points, quotes with speakers, open questions.
  --json           print JSON instead of Markdown
  --jsonl          read {"id","text","title"?,"url"?} per line on stdin, write one brief per line
  --title <text>   the article's title (default: its first line when it looks like a headline)
  --engine <name>  auto (default: the LLM when configured), extractive or llm`,
  who: `Usage: newsdesk who <file | - | url> --ask "<fragment of a quote>" [--json]
       newsdesk who <file | - | url> --speaker "<name or description>" [--json]
       newsdesk who --jsonl < items.jsonl

Finds who said a quote, from a fragment typed from memory (partial, reordered, a word missing or
misspelled), or lists the quotes of a speaker ("Kirby", "the spokesperson").
  --ask <text>      the fragment to look for (at most ${MAX_QUESTION_CHARS} characters)
  --speaker <name>  list the quotes of this speaker instead
  --title <text>    the article's title (default: its first line when it looks like a headline)
  --json            print JSON instead of Markdown
  --jsonl           read {"id","text","ask"} per line on stdin, write {"id","matches":[…]} per line`,
  ask: `Usage: newsdesk ask <file | - | url> --question "<question>" [--json]
       newsdesk ask --jsonl < items.jsonl

Answers a question from the article alone, citing the sentences the answer rests on; says
"not in the story" when the article does not support an answer.
  --question <text>  the question (at most ${MAX_QUESTION_CHARS} characters)
  --title <text>     the article's title (default: its first line when it looks like a headline)
  --json             print JSON instead of Markdown
  --jsonl            read {"id","text","question"} per line on stdin, write {"id","answer","sentences"} per line`,
  extract: `Usage: newsdesk extract <file.html | url | -> [--json]
       newsdesk extract --jsonl < pages.jsonl

Extracts the article of an HTML page: title, byline, date and clean text.
  --json    print JSON instead of Markdown
  --jsonl   read {"id","html","url"?} per line on stdin, write {"id","title","byline","published","text"} per line`,
  feed: `Usage: newsdesk feed <url> [--json] [--limit N]

A dry run of following a feed (RSS, Atom, RDF or JSON Feed): prints the items Newsdesk would
ingest, with their text taken from the feed or, for teasers, from the article page.
  --json       print JSON instead of text
  --limit <n>  at most n items (default 10)`,
  digest: `Usage: newsdesk digest --preview <channel> [--json]
       newsdesk digest --schedule <channel> "<schedule>" [--tenant <platform:workspace>]
       newsdesk digest --parse "<schedule>" [--timezone <tz>]
       newsdesk digest --run-once [--at <ISO time>]
       newsdesk digest --status <channel>

Scheduled digests, from the store (DATA_DIR/newsdesk.db or DATABASE_URL).
  --preview <channel>   print what the channel's next digest would contain (nothing is posted)
  --schedule <channel>  set the channel's schedule, e.g. "weekdays 07:30 Europe/Berlin";
                        with --tenant, creates the workspace and channel when they are new
  --parse <schedule>    check a schedule and show when it would run
  --run-once            post every due digest once, to this console, and exit
  --at <time>           with --run-once: act as if it were this time (ISO 8601)
  --status <channel>    the schedule, its pause reason and the latest runs
  --json                JSON instead of text
<channel> is the platform's channel id or Newsdesk's own id.
Schedules: daily 08:00, weekdays 07:30, mon,thu 18:00, every 6h, cron 0 8 * * 1-5,
optionally + a timezone and quiet 22:00-07:00.`,
  "register-commands": `Usage: newsdesk register-commands
       newsdesk register-commands --slack-manifest [--aliases]

Uploads the slash commands to Discord: to DISCORD_DEV_GUILD_ID when set (instant, for
development), otherwise globally (production; they may take up to an hour to appear). Needs
DISCORD_TOKEN and DISCORD_APP_ID (environment or .env). Runs from the compiled build as well, so
the Docker image can do it: docker run --env-file .env newsdesk register-commands

--slack-manifest prints the Slack app manifest instead (JSON, to create the app "From a
manifest"): only /newsdesk, or with --aliases every command under its own name as well (/who,
/summary, …), for SLACK_COMMAND_ALIASES=true. It needs no token.`,
};
