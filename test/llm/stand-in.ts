import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local OpenAI-compatible chat-completions server on loopback, scripted per test: each request
 * is answered by the next scripted reply (the last one repeats). Used by the tests and by the
 * stand-in section of the LLM eval (scripts/eval/llm-stand-in.ts); the real `openai` SDK talks to it over real HTTP.
 */

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: unknown };
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
}

export type Reply =
  | {
      kind: "content";
      content: string;
      finishReason?: string;
      usage?: { prompt: number; completion: number };
    }
  | { kind: "refusal"; refusal: string }
  | { kind: "error"; status: number; message?: string; headers?: Record<string, string> }
  /** Never answers: the client's timeout must end the wait. */
  | { kind: "hang" };

export type Script = Reply | ((body: ChatRequestBody, index: number) => Reply);

export interface StandIn {
  baseURL: string;
  /** Bodies of every request received, in order. */
  requests: ChatRequestBody[];
  /** Replaces the script (the queue is answered in order; the last entry repeats). */
  script(...replies: Script[]): void;
  /** Rejects `response_format: json_schema` with a 400, like servers without structured outputs. */
  rejectJsonSchema: boolean;
  close(): Promise<void>;
}

export const reply = {
  json: (value: unknown, usage = { prompt: 500, completion: 120 }): Reply => ({
    kind: "content",
    content: JSON.stringify(value),
    usage,
  }),
  text: (content: string): Reply => ({ kind: "content", content }),
  refusal: (refusal = "I'm sorry, I can't help with that."): Reply => ({ kind: "refusal", refusal }),
  error: (status: number, headers?: Record<string, string>): Reply => ({ kind: "error", status, headers }),
  hang: (): Reply => ({ kind: "hang" }),
};

function completion(
  body: ChatRequestBody,
  message: Record<string, unknown>,
  finish: string,
  usage?: { prompt: number; completion: number },
) {
  const u = usage ?? { prompt: 400, completion: 100 };
  return {
    id: `chatcmpl-standin-${Date.now()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      { index: 0, message: { role: "assistant", ...message }, finish_reason: finish, logprobs: null },
    ],
    usage: {
      prompt_tokens: u.prompt,
      completion_tokens: u.completion,
      total_tokens: u.prompt + u.completion,
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

export async function startStandIn(): Promise<StandIn> {
  let queue: Script[] = [reply.error(500)];
  let served = 0;
  const requests: ChatRequestBody[] = [];
  const state = { rejectJsonSchema: false };

  const server: Server = createServer(async (req, res) => {
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      send(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
      return;
    }
    const body = JSON.parse(await readBody(req)) as ChatRequestBody;
    requests.push(body);
    if (state.rejectJsonSchema && body.response_format?.type === "json_schema") {
      send(res, 400, {
        error: {
          message: "response_format type json_schema is not supported by this server",
          type: "invalid_request_error",
        },
      });
      return;
    }
    const index = served++;
    const script = queue[Math.min(index, queue.length - 1)];
    const r = typeof script === "function" ? script(body, index) : script;
    if (r.kind === "hang") return; // the socket stays open until the client gives up
    if (r.kind === "error") {
      send(
        res,
        r.status,
        { error: { message: r.message ?? `stand-in error ${r.status}`, type: "server_error" } },
        r.headers,
      );
      return;
    }
    if (r.kind === "refusal") {
      send(res, 200, completion(body, { content: null, refusal: r.refusal }, "stop"));
      return;
    }
    send(
      res,
      200,
      completion(body, { content: r.content, refusal: null }, r.finishReason ?? "stop", r.usage),
    );
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script(...replies) {
      queue = replies.length ? replies : [reply.error(500)];
      served = 0;
    },
    get rejectJsonSchema() {
      return state.rejectJsonSchema;
    },
    set rejectJsonSchema(v: boolean) {
      state.rejectJsonSchema = v;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
