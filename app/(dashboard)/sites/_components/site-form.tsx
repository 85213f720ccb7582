"use client";

import { Loader2 } from "lucide-react";
import { useActionState, useState, useTransition, type FormEvent } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/form";
import { FormMessage } from "@/components/ui/form-message";
import { Button, ButtonLink } from "@/components/ui/button";
import { createSiteAction, updateSiteAction } from "../actions";

export type SiteFormValues = {
  id?: string;
  name: string;
  startUrl: string;
  maxPages: number;
  maxDepth: number;
  includePatterns: string[];
  excludePatterns: string[];
  requestTimeoutMs: number;
  executionMode: "cloud" | "agent";
  agentPoolId: string | null;
  scheduleKind: "off" | "hourly" | "daily" | "weekly" | "cron";
  scheduleCron: string | null;
};

export const NEW_SITE: SiteFormValues = {
  name: "",
  startUrl: "",
  maxPages: 50,
  maxDepth: 3,
  includePatterns: [],
  excludePatterns: [],
  requestTimeoutMs: 10000,
  executionMode: "cloud",
  agentPoolId: null,
  scheduleKind: "off",
  scheduleCron: null,
};

const textarea =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm shadow-xs focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500";

export function SiteForm({
  teamId,
  site,
  timeZone,
  pools,
}: {
  teamId: string;
  site: SiteFormValues;
  timeZone: string;
  /** The team's agent pools, for the agent-mode pool picker. */
  pools: { id: string; name: string }[];
}) {
  const [state, action] = useActionState(site.id ? updateSiteAction : createSiteAction, null);
  const [pending, startTransition] = useTransition();
  // Submitted by hand rather than through <form action>, because React resets a form after an
  // action: a rejected submission must keep what the person typed so they can fix one field.
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => action(data));
  };
  const [mode, setMode] = useState(site.executionMode);
  const [schedule, setSchedule] = useState(site.scheduleKind);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const err = (name: string) => {
    const list = Object.entries(errors ?? {})
      .filter(([k]) => k === name || k.startsWith(`${name}.`))
      .flatMap(([, v]) => v);
    return list.length ? list : undefined;
  };
  const invalid = (name: string) => (err(name) ? true : undefined);
  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate aria-busy={pending}>
      <input type="hidden" name="teamId" value={teamId} />
      {site.id ? <input type="hidden" name="siteId" value={site.id} /> : null}
      <Card>
        <CardHeader title="Site" description="What to crawl." />
        <CardBody className="grid max-w-2xl gap-4">
          <Field id="site-name" label="Name" errors={err("name")}>
            <Input
              id="site-name"
              name="name"
              defaultValue={site.name}
              placeholder="Marketing site"
              maxLength={80}
              aria-invalid={invalid("name")}
              autoFocus={!site.id}
            />
          </Field>
          <Field
            id="site-url"
            label="Start URL"
            hint="Crawling starts here and follows links on the same origin."
            errors={err("startUrl")}
          >
            <Input
              id="site-url"
              name="startUrl"
              defaultValue={site.startUrl}
              placeholder="https://example.com/"
              inputMode="url"
              aria-invalid={invalid("startUrl")}
            />
          </Field>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Crawl settings" description="Limits keep every run bounded." />
        <CardBody className="grid max-w-2xl gap-4 sm:grid-cols-3">
          <Field id="site-max-pages" label="Max pages" hint="1–500" errors={err("maxPages")}>
            <Input
              id="site-max-pages"
              name="maxPages"
              type="number"
              min={1}
              max={500}
              defaultValue={site.maxPages}
              aria-invalid={invalid("maxPages")}
            />
          </Field>
          <Field
            id="site-max-depth"
            label="Max depth"
            hint="Links from start, 0–10"
            errors={err("maxDepth")}
          >
            <Input
              id="site-max-depth"
              name="maxDepth"
              type="number"
              min={0}
              max={10}
              defaultValue={site.maxDepth}
              aria-invalid={invalid("maxDepth")}
            />
          </Field>
          <Field
            id="site-timeout"
            label="Request timeout (ms)"
            hint="1,000–60,000"
            errors={err("requestTimeoutMs")}
          >
            <Input
              id="site-timeout"
              name="requestTimeoutMs"
              type="number"
              min={1000}
              max={60000}
              step={500}
              defaultValue={site.requestTimeoutMs}
              aria-invalid={invalid("requestTimeoutMs")}
            />
          </Field>
          <div className="sm:col-span-3 grid gap-4 sm:grid-cols-2">
            <Field
              id="site-include"
              label="Include paths"
              hint="One per line, * matches anything. Empty: every page."
              errors={err("includePatterns")}
            >
              <textarea
                id="site-include"
                name="includePatterns"
                rows={3}
                className={textarea}
                defaultValue={site.includePatterns.join("\n")}
                placeholder="/docs/*"
                aria-invalid={invalid("includePatterns")}
              />
            </Field>
            <Field
              id="site-exclude"
              label="Exclude paths"
              hint="One per line, e.g. /admin/*"
              errors={err("excludePatterns")}
            >
              <textarea
                id="site-exclude"
                name="excludePatterns"
                rows={3}
                className={textarea}
                defaultValue={site.excludePatterns.join("\n")}
                placeholder="/admin/*"
                aria-invalid={invalid("excludePatterns")}
              />
            </Field>
          </div>
          <Field id="site-mode" label="Runs on" errors={err("executionMode")}>
            <Select
              id="site-mode"
              name="executionMode"
              value={mode}
              onChange={(e) => setMode(e.target.value as "cloud" | "agent")}
            >
              <option value="cloud">Signal Diff cloud</option>
              <option value="agent">Customer agent (private network)</option>
            </Select>
          </Field>
          {mode === "agent" ? (
            <Field
              id="site-pool"
              label="Agent pool"
              hint={
                pools.length
                  ? "Runs wait for an online agent of this pool."
                  : "No pools yet: create one on Customer agents (/agents) first."
              }
              errors={err("agentPoolId")}
            >
              <Select
                id="site-pool"
                name="agentPoolId"
                defaultValue={site.agentPoolId ?? ""}
                aria-invalid={invalid("agentPoolId")}
              >
                <option value="">Choose a pool…</option>
                {pools.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Schedule"
          description={`Recurring runs, in the team's time zone (${timeZone}). They keep working on the Free plan.`}
        />
        <CardBody className="grid max-w-2xl gap-4 sm:grid-cols-2">
          <Field id="site-schedule" label="Run" errors={err("scheduleKind")}>
            <Select
              id="site-schedule"
              name="scheduleKind"
              value={schedule}
              onChange={(e) => setSchedule(e.target.value as SiteFormValues["scheduleKind"])}
            >
              <option value="off">Off</option>
              <option value="hourly">Hourly (on the hour)</option>
              <option value="daily">Daily (09:00)</option>
              <option value="weekly">Weekly (Monday 09:00)</option>
              <option value="cron">Custom cron expression</option>
            </Select>
          </Field>
          {schedule === "cron" ? (
            <Field
              id="site-cron"
              label="Cron expression"
              hint="minute hour day month weekday, e.g. 0 9 * * 1-5"
              errors={err("scheduleCron")}
            >
              <Input
                id="site-cron"
                name="scheduleCron"
                className="font-mono"
                defaultValue={site.scheduleCron ?? ""}
                placeholder="0 9 * * 1-5"
                aria-invalid={invalid("scheduleCron")}
              />
            </Field>
          ) : null}
        </CardBody>
      </Card>
      <FormMessage state={state} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
          {site.id ? "Save changes" : "Create site"}
        </Button>
        <ButtonLink variant="secondary" href={site.id ? `/sites/${site.id}` : "/sites"}>
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
