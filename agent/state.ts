// The agent's state file: its credential and identity, written with 0600 permissions (atomically:
// a temporary file in the same directory, then a rename), read back on every start.
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export type AgentState = {
  url: string;
  agentId: string;
  name: string;
  poolId: string;
  poolName: string;
  credential: string;
  /** SHA-256 of the enrollment token used, so a restart with the same --enroll does not retry it. */
  enrollmentTokenHash: string;
  enrolledAt: string;
};

export const STATE_FILE = "agent.json";

export function statePath(dir: string) {
  return path.join(dir, STATE_FILE);
}

export function tokenHash(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export function readState(dir: string): AgentState | null {
  let text: string;
  try {
    text = readFileSync(statePath(dir), "utf8");
  } catch {
    return null;
  }
  const value = JSON.parse(text) as Partial<AgentState>;
  if (typeof value.credential !== "string" || typeof value.url !== "string") return null;
  return value as AgentState;
}

export function writeState(dir: string, state: AgentState) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = statePath(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
