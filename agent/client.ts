// The agent's HTTP client for the server's /api/agents routes. A 401 is fatal (the credential was
// revoked or replaced by a re-enrollment); network errors and 5xx are retried by the caller.
import type { AgentWork } from "@/lib/agents/work";

export class Unauthorized extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Unauthorized";
  }
}

export class ServerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ServerError";
  }
}

// The work item's shape is the server's own declaration (a type-only import: nothing of the
// server's code is bundled into the agent for it).
export type Work = AgentWork;

export type UploadPage = {
  url: string;
  depth: number;
  http_status: number | null;
  content_type: string | null;
  title: string | null;
  text: string | null;
  text_hash: string | null;
  links: string[];
  duration_ms: number;
  error: string | null;
};

export function createClient(baseUrl: string, credential: () => string | null) {
  const base = baseUrl.replace(/\/+$/, "");
  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    const cred = credential();
    if (cred) headers.authorization = `Bearer ${cred}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    // `signal` may cut the wait for the answer, never the reading of one that has begun: a poll's
    // answer can carry a run the server has just claimed for this agent, which must not be lost
    // (the agent then finishes or returns it).
    const untilAnswer = new AbortController();
    const cut = () => untilAnswer.abort(signal?.reason);
    if (signal?.aborted) cut();
    signal?.addEventListener("abort", cut, { once: true });
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: untilAnswer.signal,
    }).finally(() => signal?.removeEventListener("abort", cut));
    const text = await res.text();
    let json: { error?: { message?: string } } & Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as typeof json) : {};
    } catch {
      // not JSON: reported below by status
    }
    if (res.status === 401) throw new Unauthorized(json.error?.message ?? "Unauthorized");
    if (!res.ok)
      throw new ServerError(res.status, json.error?.message ?? `HTTP ${res.status} from ${path}`);
    return json as T;
  }
  return {
    enroll: (body: { token: string; name: string; hostname: string; version: string }) =>
      call<{
        agent_id: string;
        name: string;
        pool_id: string;
        pool_name: string;
        credential: string;
        re_enrolled: boolean;
      }>("POST", "/api/agents/enroll", body),
    poll: (waitSeconds: number, signal?: AbortSignal) =>
      call<{ run: Work | null }>("POST", `/api/agents/work?wait=${waitSeconds}`, undefined, signal),
    heartbeat: (runId: string, progress: { pages_done: number; pages_planned: number }) =>
      call<{ cancel: boolean }>("POST", `/api/agents/runs/${runId}/heartbeat`, progress),
    upload: (runId: string, pages: UploadPage[]) =>
      call<{ accepted: number; cancel: boolean }>("POST", `/api/agents/runs/${runId}/pages`, {
        pages,
      }),
    /** Stopping: the server returns any run still held under this agent's name to the queue. */
    release: (signal?: AbortSignal) =>
      call<{ returned: number }>("POST", "/api/agents/release", undefined, signal),
    finish: (runId: string, outcome: "completed" | "failed" | "returned", error?: string) =>
      call<{ status: string }>("POST", `/api/agents/runs/${runId}/finish`, {
        outcome,
        ...(error ? { error: error.slice(0, 2000) } : {}),
      }),
  };
}

export type Client = ReturnType<typeof createClient>;
