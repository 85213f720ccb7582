"use client";

// API clients (OAuth client credentials): create with label, scopes and expiry; reveal the secret
// once; list with the full Client ID; delete (optionally invalidating issued tokens).
import { Plug } from "lucide-react";
import Link from "next/link";
import { useActionState, useState } from "react";
import { dataColumns } from "@/components/data-table/columns";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input, Select } from "@/components/ui/form";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/state";
import { SCOPE_DESCRIPTIONS, SCOPE_LABELS, SCOPES } from "@/lib/credentials/api-clients/scopes";
import { formatDate, formatDateTime } from "@/lib/format";
import { createApiClientAction, deleteApiClientAction, type RevealedApiClient } from "../actions";
import { RevealBanner } from "./reveal-banner";

export type ApiClientView = {
  id: string;
  label: string;
  clientId: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
  rotationDue: boolean;
};

function NewClientDialog({
  teamId,
  onCreated,
}: {
  teamId: string;
  onCreated: (c: RevealedApiClient) => void;
}) {
  const [open, setOpen] = useState(false);
  const [expiration, setExpiration] = useState("never");
  const [state, action] = useActionState<ActionState<RevealedApiClient>, FormData>(
    async (prev, fd) => {
      const r = await createApiClientAction(prev, fd);
      if (r?.ok && r.data) {
        onCreated(r.data);
        setOpen(false);
      }
      return r;
    },
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <>
      <Button
        size="sm"
        onClick={() => {
          setExpiration("never");
          setOpen(true);
        }}
      >
        New API key
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="New API key"
        description="Client credentials for the REST API. The secret is shown once."
      >
        <form action={action} className="space-y-4">
          <input type="hidden" name="teamId" value={teamId} />
          <Field
            id="client-label"
            label="Label"
            hint="Describe where it is used, e.g. production-server or ci-pipeline."
            errors={errors?.label}
          >
            <Input
              id="client-label"
              name="label"
              maxLength={60}
              required
              autoFocus
              autoComplete="off"
              aria-invalid={errors?.label ? true : undefined}
            />
          </Field>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-zinc-800">Scopes</legend>
            {SCOPES.map((s) => (
              <label key={s} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="scopes"
                  value={s}
                  defaultChecked={s === "full"}
                  className="mt-1"
                />
                <span>
                  <span className="font-medium text-zinc-900">{SCOPE_LABELS[s]}</span>{" "}
                  <code className="font-mono text-xs text-zinc-500">{s}</code>
                  <span className="block text-xs text-zinc-500">{SCOPE_DESCRIPTIONS[s]}</span>
                </span>
              </label>
            ))}
            {errors?.scopes ? (
              <p className="text-xs text-red-600" role="alert">
                {errors.scopes.join(" ")}
              </p>
            ) : null}
          </fieldset>
          <Field id="client-expiration" label="Expiration" errors={errors?.expiration}>
            <Select
              id="client-expiration"
              name="expiration"
              value={expiration}
              onChange={(e) => setExpiration(e.target.value)}
            >
              <option value="never">Never</option>
              <option value="30">30 days</option>
              <option value="90">90 days</option>
              <option value="365">365 days</option>
              <option value="custom">Custom date</option>
            </Select>
          </Field>
          {expiration === "custom" ? (
            <Field id="client-expires-on" label="Expires on" errors={errors?.expiresOn}>
              <Input id="client-expires-on" name="expiresOn" type="date" required />
            </Field>
          ) : null}
          <FormMessage state={state && !state.ok ? state : null} />
          <DialogActions>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <SubmitButton pendingText="Creating…">Create API key</SubmitButton>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

function DeleteClient({ teamId, client }: { teamId: string; client: ApiClientView }) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState<ActionState, FormData>(async (prev, fd) => {
    const r = await deleteApiClientAction(prev, fd);
    if (r?.ok) setOpen(false);
    return r;
  }, null);
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => setOpen(true)}
        aria-label={`Delete ${client.label}`}
      >
        Delete
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete ${client.label}?`}
        description={
          <>
            Deleting revokes the key at once: it can no longer request new tokens. Bearer tokens
            already issued with it stay valid until they expire (at most 24 hours after they were
            issued) — unless you also invalidate them below.
          </>
        }
      >
        <form action={action} className="space-y-4">
          <input type="hidden" name="teamId" value={teamId} />
          <input type="hidden" name="id" value={client.id} />
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="invalidateTokens" className="mt-1" />
            <span>
              <span className="font-medium text-zinc-900">
                Also invalidate tokens already issued
              </span>
              <span className="block text-xs text-zinc-500">
                Requests with those tokens get 401 from now on (other servers apply it within
                seconds).
              </span>
            </span>
          </label>
          <FormMessage state={state && !state.ok ? state : null} />
          <DialogActions>
            <Button variant="secondary" onClick={() => setOpen(false)} data-autofocus>
              Cancel
            </Button>
            <SubmitButton variant="danger" pendingText="Deleting…">
              Delete API key
            </SubmitButton>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

const col = dataColumns<ApiClientView>();

function clientColumns(timeZone: string) {
  return col.columns([
    col.accessor("label", {
      header: "Label",
      meta: { primary: true },
      cell: ({ row: { original: c } }) => (
        <>
          <span className="font-medium text-zinc-900">{c.label}</span>
          {c.rotationDue ? (
            <span className="mt-1 block text-xs text-amber-700">
              Older than 90 days — consider rotating
            </span>
          ) : null}
        </>
      ),
    }),
    col.accessor("clientId", {
      header: "Client ID",
      cell: (info) => (
        <div className="flex items-center gap-2 max-sm:justify-end">
          <code className="font-mono text-xs break-all text-zinc-700" data-testid="client-id">
            {info.getValue()}
          </code>
          <CopyButton value={info.getValue()} label="Copy" ariaLabel="Copy Client ID" />
        </div>
      ),
    }),
    col.accessor("scopes", {
      header: "Scopes",
      cell: (info) => (
        <div className="flex flex-wrap gap-1 max-sm:justify-end">
          {info.getValue().map((s) => (
            <Badge key={s} tone={s === "full" ? "violet" : "neutral"}>
              {s}
            </Badge>
          ))}
        </div>
      ),
    }),
    col.accessor("createdAt", {
      header: "Created",
      cell: (info) => formatDate(info.getValue(), timeZone),
    }),
    col.accessor("lastUsedAt", {
      header: "Last used",
      cell: (info) => {
        const v = info.getValue();
        return v ? formatDateTime(v, timeZone) : "Never";
      },
    }),
    col.accessor("expiresAt", {
      header: "Expires",
      cell: ({ row: { original: c } }) => (
        <>
          {c.expiresAt ? formatDate(c.expiresAt, timeZone) : "Never"}
          {c.expired ? (
            <span className="ml-1">
              <Badge tone="amber">Expired</Badge>
            </span>
          ) : null}
        </>
      ),
    }),
  ]);
}

export function ApiClientsSection({
  teamId,
  canManage,
  timeZone,
  clients,
}: {
  teamId: string;
  canManage: boolean;
  timeZone: string;
  clients: ApiClientView[];
}) {
  const [revealed, setRevealed] = useState<RevealedApiClient | null>(null);
  return (
    <>
      {revealed ? (
        <RevealBanner
          title={`API key ${revealed.label} created`}
          items={[
            { label: "Client ID", value: revealed.clientId, secret: false },
            { label: "Client secret", value: revealed.clientSecret, secret: true },
          ]}
          warning="Copy the Client ID and Client secret now — the secret is shown only once. If you forget to copy the secret, delete the key and create a new one."
          hint={
            <>
              Exchange them for a bearer token at{" "}
              <code className="font-mono">POST /api/oauth/token</code> — see{" "}
              <Link href="/docs/api-clients" className="font-medium underline">
                API clients and OAuth
              </Link>
              .
            </>
          }
          onDismiss={() => setRevealed(null)}
        />
      ) : null}
      <Card>
        <CardHeader
          title="API clients"
          description="Client credentials (OAuth 2.0) for the REST API. Use one key per environment."
          actions={canManage ? <NewClientDialog teamId={teamId} onCreated={setRevealed} /> : null}
        />
        {clients.length === 0 ? (
          <CardBody>
            <EmptyState icon={<Plug className="size-8" aria-hidden />} title="No API keys yet">
              {canManage
                ? "Create one with a descriptive label such as production-server or ci-pipeline."
                : "Owners and admins can create API keys."}
            </EmptyState>
          </CardBody>
        ) : (
          <DataTable
            label="API clients"
            testId="api-clients-table"
            rowTestId="api-client-row"
            columns={clientColumns(timeZone)}
            data={clients}
            getRowId={(c) => c.id}
            rowActions={canManage ? (c) => <DeleteClient teamId={teamId} client={c} /> : undefined}
          />
        )}
        <CardBody className="border-t border-zinc-200 text-sm text-zinc-600">
          <strong className="text-zinc-800">Rotating an API key without downtime:</strong> create a
          new key and update your applications to use it, verify it works in production, then delete
          the old key. There is no in-place rotation for API clients.
        </CardBody>
      </Card>
    </>
  );
}
