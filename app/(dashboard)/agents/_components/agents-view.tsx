"use client";

// Customer agents: pools (create, rename, delete), the enroll dialog (one-time token, its expiry
// and the exact command, shown once), and the agents table with live status and revoke.
import { Bot } from "lucide-react";
import Link from "next/link";
import { useActionState, useState } from "react";
import { dataColumns } from "@/components/data-table/columns";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input } from "@/components/ui/form";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/state";
import { formatDateTime } from "@/lib/format";
import {
  createPoolAction,
  deletePoolAction,
  enrollAgentAction,
  renamePoolAction,
  revokeAgentAction,
  type IssuedToken,
} from "../actions";

export type PoolRow = { id: string; name: string; description: string | null; agents: number };
export type AgentRow = {
  id: string;
  name: string;
  poolName: string;
  hostname: string | null;
  version: string | null;
  status: "online" | "busy" | "offline" | "revoked";
  lastSeenAt: string | null;
  currentRunId: string | null;
};

const STATUS_TONE = { online: "green", busy: "blue", offline: "neutral", revoked: "red" } as const;

function PoolDialog({
  teamId,
  pool,
  trigger,
}: {
  teamId: string;
  pool?: PoolRow;
  trigger: string;
}) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState<ActionState, FormData>(async (prev, fd) => {
    const r = await (pool ? renamePoolAction : createPoolAction)(prev, fd);
    if (r?.ok) setOpen(false);
    return r;
  }, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <>
      <Button size="sm" variant={pool ? "ghost" : "primary"} onClick={() => setOpen(true)}>
        {trigger}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={pool ? `Edit pool ${pool.name}` : "New agent pool"}
        description="A pool groups agents that can reach the same network."
      >
        <form action={action} className="space-y-4">
          <input type="hidden" name="teamId" value={teamId} />
          {pool ? <input type="hidden" name="poolId" value={pool.id} /> : null}
          <Field id="pool-name" label="Name" errors={errors?.name}>
            <Input
              id="pool-name"
              name="name"
              maxLength={60}
              required
              autoFocus
              defaultValue={pool?.name}
            />
          </Field>
          <Field id="pool-description" label="Description (optional)" errors={errors?.description}>
            <Input
              id="pool-description"
              name="description"
              maxLength={300}
              defaultValue={pool?.description ?? ""}
            />
          </Field>
          <FormMessage state={state && !state.ok ? state : null} />
          <DialogActions>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <SubmitButton pendingText="Saving…">{pool ? "Save" : "Create pool"}</SubmitButton>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

function EnrollDialog({
  teamId,
  pool,
  paid,
  timeZone,
}: {
  teamId: string;
  pool: PoolRow;
  paid: boolean;
  timeZone: string;
}) {
  const [open, setOpen] = useState(false);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [state, action] = useActionState<ActionState<IssuedToken>, FormData>(async (prev, fd) => {
    const r = await enrollAgentAction(prev, fd);
    if (r?.ok && r.data) setIssued(r.data);
    return r;
  }, null);
  const close = () => {
    setOpen(false);
    setIssued(null);
  };
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
        Enroll agent
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={`Enroll an agent in ${pool.name}`}
        description="A one-time enrollment token: single use, expires after 1 hour, shown only here."
      >
        {!paid ? (
          <div className="space-y-4 text-sm text-zinc-700" data-testid="enroll-needs-paid">
            <p>
              Enrolling customer agents needs an <strong>active paid CI API key</strong> on this
              team. Start a trial or subscribe on{" "}
              <Link href="/pricing" className="font-medium underline">
                Pricing
              </Link>
              , then come back here.
            </p>
            <DialogActions>
              <Button variant="secondary" onClick={close}>
                Close
              </Button>
            </DialogActions>
          </div>
        ) : issued ? (
          <div className="space-y-4 text-sm" data-testid="enroll-token">
            <p className="rounded-md bg-amber-50 p-3 text-amber-900">
              Copy the token now — it is shown only once and expires at{" "}
              <strong>{formatDateTime(issued.expiresAt, timeZone)}</strong>. It can be used once.
            </p>
            <div>
              <div className="mb-1 font-medium text-zinc-800">Enrollment token</div>
              <div className="flex items-center gap-2">
                <code className="font-mono text-xs break-all" data-testid="enroll-token-value">
                  {issued.token}
                </code>
                <CopyButton value={issued.token} label="Copy" ariaLabel="Copy enrollment token" />
              </div>
            </div>
            <div>
              <div className="mb-1 font-medium text-zinc-800">Run on the machine</div>
              <div className="flex items-start gap-2">
                <code
                  className="block rounded bg-zinc-900 p-2 font-mono text-xs break-all text-zinc-100"
                  data-testid="enroll-command"
                >
                  {issued.command}
                </code>
                <CopyButton value={issued.command} label="Copy" ariaLabel="Copy command" />
              </div>
              <p className="mt-2 text-xs text-zinc-500">
                Add <code>--name</code> to name the agent (default: its hostname). Running as a
                service or container: see{" "}
                <Link href="/docs/agents" className="underline">
                  Customer agent setup
                </Link>
                .
              </p>
            </div>
            <DialogActions>
              <Button onClick={close}>Done</Button>
            </DialogActions>
          </div>
        ) : (
          <form action={action} className="space-y-4">
            <input type="hidden" name="teamId" value={teamId} />
            <input type="hidden" name="poolId" value={pool.id} />
            <p className="text-sm text-zinc-700">
              The agent exchanges the token once for its own credential, kept in its state file.
              Enrolling a name that already exists in the pool replaces that agent&apos;s
              credential.
            </p>
            <FormMessage state={state && !state.ok ? state : null} />
            <DialogActions>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <SubmitButton pendingText="Creating…">Create enrollment token</SubmitButton>
            </DialogActions>
          </form>
        )}
      </Dialog>
    </>
  );
}

const agentCol = dataColumns<AgentRow>();
function agentColumns(timeZone: string) {
  return agentCol.columns([
    agentCol.accessor("name", {
      header: "Name",
      meta: { primary: true },
      cell: (info) => <span className="font-medium text-zinc-900">{info.getValue()}</span>,
    }),
    agentCol.accessor("poolName", { header: "Pool" }),
    agentCol.accessor("hostname", { header: "Hostname", cell: (i) => i.getValue() ?? "—" }),
    agentCol.accessor("version", { header: "Version", cell: (i) => i.getValue() ?? "—" }),
    agentCol.accessor("status", {
      header: "Status",
      cell: (i) => (
        <span data-testid="agent-status">
          <Badge tone={STATUS_TONE[i.getValue()]}>{i.getValue()}</Badge>
        </span>
      ),
    }),
    agentCol.accessor("lastSeenAt", {
      header: "Last seen",
      cell: (i) => {
        const v = i.getValue();
        return v ? formatDateTime(v, timeZone) : "Never";
      },
    }),
    agentCol.accessor("currentRunId", {
      header: "Current run",
      cell: (i) => {
        const v = i.getValue();
        return v ? (
          <Link href={`/runs/${v}`} className="underline">
            View run
          </Link>
        ) : (
          "—"
        );
      },
    }),
  ]);
}

const poolCol = dataColumns<PoolRow>();
const poolColumns = poolCol.columns([
  poolCol.accessor("name", {
    header: "Pool",
    meta: { primary: true },
    cell: ({ row: { original: p } }) => (
      <>
        <span className="font-medium text-zinc-900">{p.name}</span>
        {p.description ? (
          <span className="block text-xs text-zinc-500">{p.description}</span>
        ) : null}
      </>
    ),
  }),
  poolCol.accessor("id", {
    header: "Pool id",
    cell: (i) => <code className="font-mono text-xs text-zinc-600">{i.getValue()}</code>,
  }),
  poolCol.accessor("agents", { header: "Agents" }),
]);

export function AgentsView({
  teamId,
  canManage,
  paid,
  timeZone,
  pools,
  agents,
}: {
  teamId: string;
  canManage: boolean;
  paid: boolean;
  timeZone: string;
  pools: PoolRow[];
  agents: AgentRow[];
}) {
  return (
    <div className="space-y-8">
      {!paid ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="agents-paid">
          Customer agents need an active paid CI API key: enrolling agents and agent runs are
          refused without one. See{" "}
          <Link href="/pricing" className="font-medium underline">
            Pricing
          </Link>
          .
        </p>
      ) : null}
      <Card>
        <CardHeader
          title="Pools"
          description="Runs in agent mode name a pool; any online agent of that pool takes them."
          actions={canManage ? <PoolDialog teamId={teamId} trigger="New pool" /> : null}
        />
        {pools.length === 0 ? (
          <CardBody>
            <EmptyState icon={<Bot className="size-8" aria-hidden />} title="No pools yet">
              {canManage
                ? "Create a pool, then enroll an agent in it."
                : "Owners and admins create pools and enroll agents."}
            </EmptyState>
          </CardBody>
        ) : (
          <DataTable
            label="Agent pools"
            testId="pools-table"
            rowTestId="pool-row"
            columns={poolColumns}
            data={pools}
            getRowId={(p) => p.id}
            rowActions={
              canManage
                ? (p) => (
                    <div className="flex gap-1">
                      <EnrollDialog teamId={teamId} pool={p} paid={paid} timeZone={timeZone} />
                      <PoolDialog teamId={teamId} pool={p} trigger="Edit" />
                      <ConfirmAction
                        trigger="Delete"
                        triggerVariant="ghost"
                        triggerLabel={`Delete pool ${p.name}`}
                        title={`Delete pool ${p.name}?`}
                        description="Its agents are removed and their credentials stop working at once. Refused while a site runs on this pool or a run waits for it."
                        confirmLabel="Delete pool"
                        action={deletePoolAction}
                        fields={{ teamId, poolId: p.id }}
                      />
                    </div>
                  )
                : undefined
            }
          />
        )}
      </Card>
      <Card>
        <CardHeader
          title="Agents"
          description="Online: seen in the last minute. Busy: running a crawl."
        />
        {agents.length === 0 ? (
          <CardBody>
            <EmptyState icon={<Bot className="size-8" aria-hidden />} title="No agents enrolled">
              Enroll one from a pool above; see{" "}
              <Link href="/docs/agents" className="underline">
                Customer agent setup
              </Link>
              .
            </EmptyState>
          </CardBody>
        ) : (
          <DataTable
            label="Agents"
            testId="agents-table"
            rowTestId="agent-row"
            columns={agentColumns(timeZone)}
            data={agents}
            getRowId={(a) => a.id}
            rowActions={
              canManage
                ? (a) =>
                    a.status === "revoked" ? null : (
                      <ConfirmAction
                        trigger="Revoke"
                        triggerVariant="ghost"
                        triggerLabel={`Revoke ${a.name}`}
                        title={`Revoke agent ${a.name}?`}
                        description="Its credential stops working at once; a run it is crawling fails when its lease lapses. To bring it back, enroll it again with a new token."
                        confirmLabel="Revoke agent"
                        action={revokeAgentAction}
                        fields={{ teamId, agentId: a.id }}
                      />
                    )
                : undefined
            }
          />
        )}
      </Card>
    </div>
  );
}
