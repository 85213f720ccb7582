// Building blocks of the generated API reference (a server component tree, no client script).
import { StaticTable } from "@/components/data-table/static-table";
import type { Field, Operation } from "@/lib/machine-api/reference";
import { CodeBlock } from "../../_components/doc";

export const c = (s: string) => (
  <code className="rounded bg-zinc-100 px-1 py-0.5 text-[13px]">{s}</code>
);

export function Code({ children }: { children: string }) {
  return <CodeBlock code={children} />;
}

export function Table({ head, rows }: { head: string[]; rows: React.ReactNode[][] }) {
  return <StaticTable label={head.filter(Boolean).join(", ")} head={head} rows={rows} />;
}

export function FieldTable({
  fields,
  withIn = false,
}: {
  fields: (Field & { in?: string })[];
  withIn?: boolean;
}) {
  return (
    <Table
      head={withIn ? ["Parameter", "In", "Type", ""] : ["Field", "Type", ""]}
      rows={fields.map((f) => [
        c(f.name),
        ...(withIn ? [f.in ?? ""] : []),
        c(f.type),
        <>
          {f.required ? "required" : "optional"}
          {f.description ? ` — ${f.description}` : ""}
        </>,
      ])}
    />
  );
}

export function OperationView({ op }: { op: Operation }) {
  const success = op.answers.find((a) => a.status.startsWith("2"));
  return (
    <section aria-labelledby={op.id} className="mt-8 border-t border-zinc-100 pt-6">
      <h3 id={op.id} className="scroll-mt-20 font-mono text-base font-semibold">
        {op.method} {op.path}
      </h3>
      <p className="mt-2 text-zinc-700">{op.summary}</p>
      <p className="mt-1 text-sm text-zinc-500">Auth: {op.security}</p>
      {op.params.length > 0 && <FieldTable fields={op.params} withIn />}
      {op.body && (
        <>
          <p className="mt-4 text-sm font-semibold">Body ({op.body.mediaTypes.join(" or ")})</p>
          {op.body.fields.length > 0 && <FieldTable fields={op.body.fields} />}
          {op.body.example && <Code>{op.body.example}</Code>}
        </>
      )}
      <Table head={["Status", "When"]} rows={op.answers.map((a) => [c(a.status), a.description])} />
      {success?.example && <Code>{`${success.status} ${success.example}`}</Code>}
    </section>
  );
}
