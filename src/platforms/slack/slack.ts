import type { RequestListener } from "node:http";
import { App, HTTPReceiver, type InstallationStore, LogLevel, webApi } from "@slack/bolt";
import { parseCommandText, resolveTopLevel } from "../../../commands/parse.js";
import { executeCommand, findAction } from "../../../commands/run.js";
import type { CommandContext, CommandDefinition } from "../../../commands/types.js";
import type { Logger } from "../../app/logger.js";
import { commandHooks, type Metrics } from "../../app/metrics.js";
import { OPML_MAX_BYTES } from "../../app/opml-limits.js";
import { type Services, UserFacingError } from "../../app/services.js";
import type { Config } from "../../config.js";
import { withSlackGroupMention } from "../../render/mention.js";
import { errorReply, type Reply } from "../../render/reply.js";
import { renderSlack } from "../../render/slack.js";
import { type AckGate, InFlight, type PlatformAdapter } from "../types.js";
import { createSlackAdminCheck } from "./admin.js";
import { boltLogger } from "./bolt-logger.js";
import { type DeliveryClaims, deliveryKey, dropRepeatedEvents, firstDeliveryCheck } from "./dedupe.js";
import { type FoundParts, findDigestParts, postDigestParts, type SlackDigestPost } from "./digest-post.js";
import { answerUnauthorizedCommand, forgetRemovedWorkspaces, isNotInstalled } from "./installations.js";
import { SLACK_BOT_SCOPES } from "./manifest.js";
import { listenForConversations } from "./messages.js";
import { ADD_MODAL_ID, addModal, formRefusal, readAddModal } from "./modal.js";
import { readSlackFile, slackFileId } from "./shared-file.js";
import { registerSummariseShortcut } from "./shortcut.js";
import { answerUnknownPaths } from "./unknown-paths.js";
import { refuseOutOfWindowTimestamps } from "./verify.js";

export { DELIVERY_TTL_MS } from "./dedupe.js";

type WebClient = webApi.WebClient;

export type SlackConfig = Pick<
  Config,
  | "SLACK_BOT_TOKEN"
  | "SLACK_APP_TOKEN"
  | "SLACK_SIGNING_SECRET"
  | "SLACK_CLIENT_ID"
  | "SLACK_CLIENT_SECRET"
  | "SLACK_STATE_SECRET"
  | "SLACK_API_URL"
  | "SLACK_COMMAND_ALIASES"
  | "ADMIN_ROLE"
  | "MAX_TEXT_BYTES"
  | "LOG_LEVEL"
  | "AUTOLINKS_PER_HOUR"
>;

export interface SlackAdapterOptions {
  config: SlackConfig;
  services: Services;
  registry: readonly CommandDefinition[];
  metrics: Metrics;
  logger: Logger;
  /** Multi-workspace installs (OAuth) are kept here; required with SLACK_CLIENT_ID. */
  installationStore?: InstallationStore;
  /** Shared with the HTTP server: command work waits while other requests await their ack. */
  ackGate?: AckGate;
  /**
   * Claims a delivery key (true the first time): kept in the store, a retried or replayed delivery
   * (command, form submission, event) is handled once across restarts and instances. Without it,
   * remembered in this process for 15 minutes.
   */
  deliveries?: DeliveryClaims;
}

export interface SlackAdapter extends PlatformAdapter {
  /** HTTP mode only: Bolt's listener for /slack/events (and the OAuth paths), mounted on PORT. */
  readonly requestListener?: RequestListener;
  /**
   * Posts a reply to a channel as the bot (digests, modal results); returns the (first) message ts.
   * A digest carries its run's nonce in message metadata; resumed, only its missing parts are posted.
   */
  postToChannel(teamId: string, channelId: string, reply: Reply, digest?: SlackDigestPost): Promise<string>;
  /** The DM channel with a user (`conversations.open`, scope im:write), for digests in their DMs. */
  openDm(teamId: string, userId: string): Promise<string>;
  /**
   * Posts an alert like a digest (metadata nonce, lookup when resumed); an update goes in the
   * thread of the story's first alert, and `subteamId` (an admin's notify: setting) is the only
   * mention.
   */
  postAlert(
    teamId: string,
    channelId: string,
    reply: Reply,
    post: { nonce: string; resumedSince?: string; threadTs?: string; subteamId?: string },
  ): Promise<string>;
  /** The parts of the digest `nonce` in the channel since `since`; undefined when it cannot be read. */
  findDigestPost(
    teamId: string,
    channelId: string,
    nonce: string,
    since: string,
  ): Promise<FoundParts | undefined>;
}

const silentSlackLogger: webApi.Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};

/**
 * Slack via Bolt: Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP mode on PORT.
 * Every slash command is acknowledged before any work (Slack allows 3 s), then answered through
 * its response_url, so a slow LLM or fetch can never make Slack show "operation timed out".
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, services, registry, metrics, logger } = options;
  const log = logger.child({ platform: "slack" });
  const socketMode = !!config.SLACK_APP_TOKEN;
  const oauth = !!(config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && options.installationStore);
  // WebClient joins method names to this base, so it must end with a slash.
  const clientOptions = config.SLACK_API_URL ? { slackApiUrl: `${config.SLACK_API_URL}/` } : {};
  const oauthOptions = oauth
    ? {
        clientId: config.SLACK_CLIENT_ID,
        clientSecret: config.SLACK_CLIENT_SECRET,
        stateSecret: config.SLACK_STATE_SECRET,
        installationStore: options.installationStore,
        scopes: [...SLACK_BOT_SCOPES],
      }
    : {};
  const endpoints = ["/slack/events"];
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET ?? "",
        endpoints,
        processBeforeResponse: false,
        logger: boltLogger(log),
        ...oauthOptions,
        ...(oauth ? { processEventErrorHandler: answerUnauthorizedCommand } : {}),
        installerOptions: { directInstall: true, clientOptions },
      });
  const app = new App({
    ...(oauth ? {} : { token: config.SLACK_BOT_TOKEN }),
    ...(socketMode
      ? {
          socketMode: true,
          // The Socket Mode client's own Web API calls (apps.connections.open) read clientOptions here.
          installerOptions: { clientOptions },
          appToken: config.SLACK_APP_TOKEN,
          signingSecret: config.SLACK_SIGNING_SECRET,
          ...oauthOptions,
        }
      : { receiver }),
    clientOptions,
    logger: boltLogger(log),
    logLevel: LogLevel.WARN,
    // init() (auth.test) runs in start(), so a wrong token is a clear start-up error.
    deferInitialization: true,
  });
  const inFlight = new InFlight();
  forgetRemovedWorkspaces(app, oauth ? options.installationStore : undefined, log);
  /** False for a delivery already handled (see dedupe.ts for the key of each kind). */
  const firstDelivery = firstDeliveryCheck(options.deliveries, log);
  app.use(dropRepeatedEvents(firstDelivery, log));
  const isAdmin = createSlackAdminCheck(config.ADMIN_ROLE);
  const hooks = commandHooks(metrics, log, "slack");
  let connected = false;

  const contextFor = (teamId: string, channelId: string, userId: string, admin: boolean): CommandContext => ({
    platform: "slack",
    tenant: `slack:${teamId}`,
    channelId,
    userId,
    isAdmin: admin,
    services,
    allowLocalFiles: false,
    maxTextBytes: config.MAX_TEXT_BYTES,
    // Help and hints name commands the way this workspace types them (ADR 0059).
    commandForm: config.SLACK_COMMAND_ALIASES ? "direct" : "newsdesk",
  });

  async function run(
    client: WebClient,
    teamId: string,
    channelId: string,
    userId: string,
    name: string,
    text: string,
  ) {
    const invocation = parseCommandText(registry, name, text);
    // A file shared in Slack, named by its link: read with the bot's token, handed on as its text.
    const file = invocation.options.file;
    const fileId =
      invocation.subcommand === "import" && typeof file === "string" ? slackFileId(file) : undefined;
    if (fileId) {
      try {
        const token = oauth ? await botTokenFor(options.installationStore!, teamId) : config.SLACK_BOT_TOKEN;
        invocation.options.file = await readSlackFile(client, {
          token,
          fileId,
          maxBytes: OPML_MAX_BYTES,
          ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
        });
      } catch (err) {
        if (err instanceof UserFacingError) return errorReply(err.message, err.hint);
        throw err;
      }
    }
    const found = findAction(registry, invocation.command, invocation.subcommand);
    // Only admin-only actions pay for the users.info lookup.
    const admin = "action" in found && found.action.adminOnly ? await isAdmin(client, teamId, userId) : false;
    return executeCommand(contextFor(teamId, channelId, userId, admin), registry, invocation, hooks);
  }

  app.command(/^\/.+/, async ({ command, ack, respond, client }) => {
    const received = performance.now();
    // `/newsdesk add` is `/add`: the one command always registered reaches every other one.
    const { command: name, text } = resolveTopLevel(
      registry,
      command.command.replace(/^\//, "").toLowerCase(),
      command.text,
    );
    const teamId = tenantIdOf(command);
    if (!inFlight.accepting) {
      await ack({
        response_type: "ephemeral",
        text: "Newsdesk is restarting; please try again in a minute.",
      });
      return;
    }
    // A retried or replayed delivery carries the same trigger_id: whoever claims it first answers
    // it. The claim comes after the ack (an empty 200 either way), so it never delays one.
    const key = deliveryKey(command);
    const duplicate = () => log.info({ command: command.command }, "duplicate delivery ignored");
    if (name === "add" && !text.trim()) {
      await ack();
      metrics.ackLatency.observe({ platform: "slack" }, (performance.now() - received) / 1000);
      if (!(await firstDelivery(key))) return duplicate();
      await client.views
        .open({ trigger_id: command.trigger_id, view: addModal(command.channel_id) })
        .catch((err) => log.warn({ err: String(err) }, "could not open the /add modal"));
      return;
    }
    await ack();
    metrics.ackLatency.observe({ platform: "slack" }, (performance.now() - received) / 1000);
    await inFlight.track(
      (async () => {
        // Let every request already waiting be acknowledged before this one's work (store writes,
        // analysis) occupies the event loop: under a burst, acks stay fast.
        await (options.ackGate ? options.ackGate.clear() : yieldToIo());
        if (!(await firstDelivery(key))) return duplicate();
        const reply = await run(client, teamId, command.channel_id, command.user_id, name, text);
        for (const message of renderSlack(reply)) {
          await respond({ ...message, replace_original: false }).catch((err) =>
            log.warn({ err: String(err), command: name }, "could not post the reply to response_url"),
          );
        }
      })(),
    );
  });

  app.view(ADD_MODAL_ID, async ({ ack, view, body, client }) => {
    const input = readAddModal(view);
    if (!input.text) {
      // The refusal every path gives an empty article, with what the form wants instead.
      const article = `${formRefusal("")} Paste the article text or a URL.`;
      await ack({ response_action: "errors", errors: { article } });
      return;
    }
    // What /add would refuse is refused in the form, where the user can still fix it.
    const refusal = formRefusal(input.text);
    if (refusal) {
      await ack({ response_action: "errors", errors: { article: refusal } });
      return;
    }
    await ack();
    const teamId =
      body.enterprise?.id && body.is_enterprise_install ? body.enterprise.id : (body.team?.id ?? "");
    await inFlight.track(
      (async () => {
        await (options.ackGate ? options.ackGate.clear() : yieldToIo());
        // A replayed submission (the same signed body) has the same trigger_id: it adds nothing
        // and posts nothing a second time. Claimed after the ack, as commands are.
        if (!(await firstDelivery(deliveryKey(body)))) {
          log.info({ view: ADD_MODAL_ID }, "duplicate delivery ignored");
          return;
        }
        const reply = await run(client, teamId, input.channelId, body.user.id, "add", input.text!);
        await deliver(client, input.channelId, body.user.id, reply);
      })(),
    );
  });

  registerSummariseShortcut(app, {
    contextFor: (teamId, channelId, userId) => contextFor(teamId, channelId, userId, false),
    firstDelivery,
    afterAck: (work) =>
      inFlight.track(
        (async () => {
          await (options.ackGate ? options.ackGate.clear() : yieldToIo());
          await work();
        })(),
      ),
    names: registry.map((c) => c.name),
    accepting: () => inFlight.accepting,
    hooks,
    log,
  });

  listenForConversations(app, {
    services,
    registry,
    hooks,
    inFlight,
    log,
    pause: () => (options.ackGate ? options.ackGate.clear() : yieldToIo()),
    contextFor,
    autolinksPerHour: config.AUTOLINKS_PER_HOUR,
  });

  /** Posts in the channel; when the bot may not post there, tells the user privately why. */
  async function deliver(client: WebClient, channel: string, user: string, reply: Reply): Promise<void> {
    try {
      for (const m of renderSlack(reply)) {
        if (reply.ephemeral)
          await client.chat.postEphemeral({ channel, user, text: m.text, blocks: m.blocks });
        else await client.chat.postMessage({ channel, text: m.text, blocks: m.blocks, unfurl_links: false });
      }
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error ?? String(err);
      const help = errorReply(
        `Newsdesk could not post in that channel (${code}).`,
        "Invite the bot with /invite @Newsdesk, or use a channel it is in.",
      );
      const [m] = renderSlack(help);
      await client.chat.postMessage({ channel: user, text: m!.text, blocks: m!.blocks }).catch(() => {});
    }
  }

  return {
    name: "slack",
    // Bolt refuses only old timestamps; the window is checked both ways before it (verify.ts).
    requestListener:
      receiver &&
      answerUnknownPaths(
        refuseOutOfWindowTimestamps(receiver.requestListener, {
          endpoints,
          onRefused: (reason) => log.warn({ reason }, "slack: request refused (401)"),
        }),
      ),
    async start() {
      // Check the bot token once, without retries: the Web API client otherwise retries a network
      // failure for about thirty minutes, so a bot with no network would hang at start instead of
      // saying so (start-errors.ts turns this error into one line).
      if (!oauth && config.SLACK_BOT_TOKEN) {
        const probe = new webApi.WebClient(config.SLACK_BOT_TOKEN, {
          ...clientOptions,
          retryConfig: { retries: 0 },
          // Its failure is reported once, by the caller; the client's own warning would repeat it.
          logger: silentSlackLogger,
        });
        await probe.auth.test();
      }
      // HTTP mode is served by the app's own HTTP server (see app/http.ts): Bolt only needs init.
      await app.init();
      if (socketMode) await app.start();
      connected = true;
      log.info({ mode: socketMode ? "socket" : "http", oauth }, "slack: ready");
    },
    async stop() {
      await inFlight.drain(10_000);
      if (socketMode) await app.stop().catch(() => {});
      connected = false;
    },
    connected: () => connected,
    async postToChannel(teamId, channelId, reply, digest) {
      const token = oauth ? await botTokenFor(options.installationStore!, teamId) : config.SLACK_BOT_TOKEN;
      const messages = renderSlack(reply);
      if (digest) {
        const unreadable = () =>
          log.warn({ channel: channelId }, "cannot read the channel to resume a digest; posting it again");
        return postDigestParts(app.client, { token, channel: channelId, messages, digest, unreadable });
      }
      let ts = "";
      for (const m of messages) {
        const r = await app.client.chat.postMessage({
          token,
          channel: channelId,
          text: m.text,
          blocks: m.blocks,
          unfurl_links: false,
        });
        ts ||= r.ts ?? "";
      }
      return ts;
    },
    async openDm(teamId, userId) {
      const token = oauth ? await botTokenFor(options.installationStore!, teamId) : config.SLACK_BOT_TOKEN;
      const opened = await app.client.conversations.open({ token, users: userId });
      if (!opened.channel?.id) throw new Error("conversations.open returned no channel");
      return opened.channel.id;
    },
    async postAlert(teamId, channelId, reply, post) {
      const token = oauth ? await botTokenFor(options.installationStore!, teamId) : config.SLACK_BOT_TOKEN;
      const rendered = renderSlack(reply);
      const messages = post.subteamId ? withSlackGroupMention(rendered, post.subteamId) : rendered;
      const unreadable = () =>
        log.warn({ channel: channelId }, "cannot read the channel to resume an alert; posting it again");
      return postDigestParts(app.client, {
        token,
        channel: channelId,
        messages,
        digest: { nonce: post.nonce, ...(post.resumedSince ? { resumedSince: post.resumedSince } : {}) },
        unreadable,
        ...(post.threadTs ? { threadTs: post.threadTs } : {}),
      });
    },
    async findDigestPost(teamId, channelId, nonce, since) {
      const token = oauth ? await botTokenFor(options.installationStore!, teamId) : config.SLACK_BOT_TOKEN;
      return findDigestParts(app.client, { token, channel: channelId, nonce, since });
    },
  };
}

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

function tenantIdOf(command: {
  team_id: string;
  enterprise_id?: string;
  is_enterprise_install?: string;
}): string {
  return command.is_enterprise_install === "true" && command.enterprise_id
    ? command.enterprise_id
    : command.team_id;
}

async function botTokenFor(store: InstallationStore, teamId: string): Promise<string | undefined> {
  let installation: Awaited<ReturnType<InstallationStore["fetchInstallation"]>>;
  try {
    installation = await store.fetchInstallation({
      teamId,
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
  } catch (err) {
    if (!isNotInstalled(err)) throw err;
    // Shaped like a Web API error so the digest poster treats it as permanent (the workspace removed
    // the app: retrying will not help; /digest show keeps the reason).
    throw Object.assign(new Error(`Newsdesk is no longer installed in Slack workspace ${teamId}`), {
      data: { error: "not_installed" },
    });
  }
  return installation.bot?.token;
}
