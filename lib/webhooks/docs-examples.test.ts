// The examples of /docs/verifying-signatures (docs-examples.ts) run for real: the Node and Python
// receivers (the page's exact code, started with node and python3) get real deliveries, before and
// across a signing-secret rotation — holding only the old secret, then only the new one — and the
// openssl script verifies a captured delivery. Real PostgreSQL and real HTTP. The Python one needs
// the standardwebhooks package importable (STANDARDWEBHOOKS_PYTHONPATH); otherwise it is skipped.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  revealSigningSecret,
  revokePreviousSigningSecret,
  rotateSigningSecret,
} from "@/lib/credentials/signing-secret/manage-secret";
import { signingKeysFor } from "@/lib/credentials/signing-secret/secret-store";
import { db } from "@/lib/db";
import { attemptDelivery } from "@/lib/webhooks/deliver";
import { emitEvent } from "@/lib/webhooks/emit-event";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { createWebhookSender } from "@/lib/webhooks/send";
import { makeTeam } from "@/test/fixtures";
import { startReceiver } from "@/test/webhook-receiver";
import { NODE_RECEIVER, PYTHON_RECEIVER, SHELL_VERIFY } from "./docs-examples";

const send = createWebhookSender({ allowPrivateNetworks: true, timeoutMs: 5000 });
const deps = { send, signingKeys: signingKeysFor };

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type DocsReceiver = { child: ChildProcess; lines: string[]; stderr: string[] };

/**
 * Starts one of the docs' receivers (the page's exact code) with `secret`; resolves once it
 * accepts connections. `lines` collects what it prints (one JSON line per new webhook-id).
 */
async function startDocsReceiver(
  language: "node" | "python",
  secret: string,
  port: number,
): Promise<DocsReceiver> {
  const env = { ...process.env, SIGNALDIFF_WEBHOOK_SECRET: secret, PORT: String(port) };
  const child =
    language === "node"
      ? spawn(process.execPath, ["--input-type=module", "-e", NODE_RECEIVER], {
          cwd: process.cwd(),
          env,
          stdio: ["ignore", "pipe", "pipe"],
        })
      : spawn("python3", ["-c", PYTHON_RECEIVER], {
          // As a receiver usually runs: stdout a pipe, block-buffered (no PYTHONUNBUFFERED).
          env: { ...env, PYTHONPATH: PYTHON_PATH, PYTHONUNBUFFERED: "" },
          stdio: ["ignore", "pipe", "pipe"],
        });
  const lines: string[] = [];
  const stderr: string[] = [];
  let partial = "";
  child.stdout?.on("data", (b: Buffer) => {
    const parts = (partial + b.toString()).split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts.filter((l) => l.trim() !== ""));
  });
  child.stderr?.on("data", (b: Buffer) => stderr.push(b.toString()));
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => (s.destroy(), resolve(true)));
      s.on("error", () => resolve(false));
    });
    if (up) return { child, lines, stderr };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  throw new Error(`the docs' ${language} receiver did not start: ${stderr.join("")}`);
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill();
  });

let team: { id: string };
let owner: { id: string };
let endpointUrl = "";
let port = 0;
const actor = () => ({ userId: owner.id, label: "owner", role: "owner" as const });

/** Emits one event to the team's endpoint and makes its first attempt now. */
async function deliverOne(type: "ci_key.created" = "ci_key.created") {
  const emitted = await emitEvent(db, { teamId: team.id, type, data: { key_id: "k1" } });
  const delivery = await db.webhookDelivery.findFirstOrThrow({
    where: { teamId: team.id, eventId: emitted.eventId ?? "" },
  });
  await db.$queryRaw`SELECT graphile_worker.remove_job(${`webhook:${delivery.id}`}::text)::text AS id`;
  const outcome = await attemptDelivery(delivery.id, deps);
  await db.$queryRaw`SELECT graphile_worker.remove_job(${`webhook:${delivery.id}`}::text)::text AS id`;
  return { outcome, eventId: emitted.eventId, deliveryId: delivery.id };
}

beforeAll(async () => {
  process.env.CRAWL_ALLOW_PRIVATE_NETWORKS = "1";
  ({ team, owner } = await makeTeam("Docs receiver"));
  port = await freePort();
  endpointUrl = `http://127.0.0.1:${port}/webhooks`;
  await createEndpoint(
    { teamId: team.id, actor: { label: "test" } },
    { url: endpointUrl, eventTypes: ["ci_key.created"] },
  );
});

afterAll(async () => {
  await db.webhookEndpoint.deleteMany({ where: { teamId: team.id } });
});

/** The receiver printed exactly these webhook-ids (its stdout is read asynchronously). */
const printed = (rx: DocsReceiver, ids: (string | null)[]) =>
  vi.waitFor(() => expect(rx.lines.map((l) => JSON.parse(l).id)).toEqual(ids), {
    timeout: 5000,
  });

/**
 * The page's rotation procedure against one of its receivers: a delivery under the current secret;
 * after Rotate, a receiver still holding only the old secret verifies (the previous signature),
 * then one holding only the new secret; after "Revoke previous secret" the old one refuses (400).
 */
async function rotationScenario(language: "node" | "python") {
  const old = await revealSigningSecret({ teamId: team.id, actor: actor() });
  let rx = await startDocsReceiver(language, old, port);
  try {
    const first = await deliverOne();
    expect(first.outcome).toBe("delivered");
    await printed(rx, [first.eventId]);

    const { secret: fresh } = await rotateSigningSecret({
      teamId: team.id,
      actor: actor(),
      confirm: "ROTATE",
    });
    // Still only the old secret on the receiver: the previous signature carries it.
    const second = await deliverOne();
    expect(second.outcome).toBe("delivered");
    await printed(rx, [first.eventId, second.eventId]);
    await stop(rx.child);

    rx = await startDocsReceiver(language, fresh, port);
    const third = await deliverOne();
    expect(third.outcome).toBe("delivered");
    await printed(rx, [third.eventId]);
    await stop(rx.child);

    // After "Revoke previous secret" a receiver holding only the old secret refuses (400).
    await revokePreviousSigningSecret({ teamId: team.id, actor: actor() });
    rx = await startDocsReceiver(language, old, port);
    const fourth = await deliverOne();
    expect(fourth.outcome).toBe("retrying");
    expect(rx.lines).toHaveLength(0);
    const attempt = await db.webhookAttempt.findFirstOrThrow({
      where: { teamId: team.id, deliveryId: fourth.deliveryId },
    });
    expect(attempt.statusCode).toBe(400);
    return { attempt, stderr: rx.stderr.join("") };
  } finally {
    await stop(rx.child);
  }
}

describe("the Node example", () => {
  it("verifies real deliveries across a rotation, holding only the old, then only the new secret", async () => {
    const { attempt } = await rotationScenario("node");
    expect(attempt.responseBody).toBe("invalid signature");
  }, 60_000);
});

// The Python example needs the `standardwebhooks` package (PyPI). It is not installed from PyPI
// here: point STANDARDWEBHOOKS_PYTHONPATH at a checkout's libraries/python (the package has no
// dependencies beyond the standard library). Without it the test is skipped, saying why: any
// stand-in for the package would test our stand-in, not the example.
const PYTHON_PATH = process.env.STANDARDWEBHOOKS_PYTHONPATH ?? "";
const pythonProbe = spawnSync("python3", ["-c", "import standardwebhooks.webhooks"], {
  env: { ...process.env, PYTHONPATH: PYTHON_PATH },
  encoding: "utf8",
});
const pythonReady = pythonProbe.status === 0;
const pythonWhyNot = pythonProbe.error
  ? "python3 is not installed"
  : "the standardwebhooks package is not importable (set STANDARDWEBHOOKS_PYTHONPATH)";

describe("the Python example", () => {
  it.skipIf(!pythonReady)(
    pythonReady
      ? "verifies real deliveries across a rotation, holding only the old, then only the new secret"
      : `skipped: ${pythonWhyNot}`,
    async () => {
      const { stderr } = await rotationScenario("python");
      // The refused delivery was answered by the example's except branch, not by a crash.
      expect(stderr).not.toMatch(/Traceback/);
    },
    60_000,
  );
});

describe("the openssl example", () => {
  it("verifies a captured delivery and refuses it under another secret", async () => {
    const capture = await startReceiver();
    const dir = mkdtempSync(path.join(os.tmpdir(), "signaldiff-verify-"));
    try {
      await db.webhookEndpoint.updateMany({
        where: { teamId: team.id },
        data: { url: capture.url },
      });
      expect((await deliverOne()).outcome).toBe("delivered");
      const got = capture.received.at(-1);
      if (!got) throw new Error("nothing captured");
      writeFileSync(path.join(dir, "body.json"), got.body);
      writeFileSync(path.join(dir, "verify.sh"), SHELL_VERIFY);
      const secret = await revealSigningSecret({ teamId: team.id, actor: actor() });
      const run = (s: string) =>
        spawnSync("sh", ["verify.sh"], {
          cwd: dir,
          encoding: "utf8",
          env: {
            ...process.env,
            SIGNALDIFF_WEBHOOK_SECRET: s,
            ID: String(got.headers["webhook-id"]),
            TS: String(got.headers["webhook-timestamp"]),
            SIG: String(got.headers["webhook-signature"]),
          },
        });
      const ok = run(secret);
      expect(ok.stderr).toBe("");
      expect(ok.stdout.trim()).toBe("verified");
      const bad = run(`whsec_${Buffer.alloc(32, 7).toString("base64")}`);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/no matching signature/);
    } finally {
      await capture.close();
      rmSync(dir, { recursive: true, force: true });
      await db.webhookEndpoint.updateMany({
        where: { teamId: team.id },
        data: { url: endpointUrl },
      });
    }
  });
});
