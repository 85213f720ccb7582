// The machine API's OpenAPI document flattened for the /docs/api page: operations by tag with
// their security, parameters, body fields and answers, and the named schemas. The page renders
// only what is here, so the reference cannot drift from the routes.
import { machineOpenApiDocument } from "@/lib/machine-api/app";

type Json = Record<string, unknown>;
export type Field = { name: string; type: string; required: boolean; description?: string };
export type Answer = { status: string; description: string; example?: string };
export type Operation = {
  id: string;
  method: string;
  path: string;
  summary: string;
  security: string;
  scope: string | null;
  params: (Field & { in: string })[];
  body: { mediaTypes: string[]; fields: Field[]; example?: string } | null;
  answers: Answer[];
};
export type Reference = {
  title: string;
  description: string;
  groups: { tag: string; description: string; operations: Operation[] }[];
  schemas: { name: string; fields: Field[] }[];
  statuses: { status: string; description: string }[];
};

const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});

/** A short human type for a schema: `string`, `integer`, `Run[]`, `"a" | "b"`, `string | null`. */
export function typeOf(schema: unknown): string {
  const s = obj(schema);
  if (typeof s.$ref === "string") return s.$ref.split("/").pop() ?? "object";
  for (const key of ["anyOf", "oneOf"]) {
    if (Array.isArray(s[key])) return (s[key] as unknown[]).map(typeOf).join(" | ");
  }
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in s) return JSON.stringify(s.const);
  if (Array.isArray(s.type)) return s.type.join(" | ");
  if (s.type === "array") return `${typeOf(s.items)}[]`;
  if (s.type === "object" && s.properties) return "object";
  return typeof s.type === "string" ? s.type : "any";
}

function fieldsOf(schema: unknown, schemas: Json): Field[] {
  let s = obj(schema);
  if (typeof s.$ref === "string") s = obj(schemas[s.$ref.split("/").pop() ?? ""]);
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  return Object.entries(obj(s.properties)).map(([name, prop]) => ({
    name,
    type: typeOf(prop),
    required: required.has(name),
    description:
      typeof obj(prop).description === "string" ? (obj(prop).description as string) : undefined,
  }));
}

function securityOf(op: Json): { label: string; scope: string | null } {
  const reqs = Array.isArray(op.security) ? (op.security as Json[]) : [];
  const names = reqs.flatMap((r) => Object.keys(r));
  const oauth = reqs.find((r) => "oauth2" in r);
  if (oauth) {
    const scope = (oauth.oauth2 as string[])[0] ?? null;
    return { label: `Bearer token with the ${scope} scope`, scope };
  }
  if (names.includes("ciKey"))
    return { label: "CI API key (x-ci-api-key or Bearer sck_…)", scope: null };
  if (names.includes("clientBasic"))
    return { label: "API client credentials (Basic or body)", scope: null };
  return { label: "None (Stripe signs its events)", scope: null };
}

const METHODS = ["get", "post", "put", "patch", "delete"];

export function buildReference(doc = machineOpenApiDocument()): Reference {
  const schemas = obj(obj(doc.components).schemas);
  const tags = (doc.tags ?? []).map((t) => ({ tag: t.name, description: t.description ?? "" }));
  const groups = tags.map((t) => ({ ...t, operations: [] as Operation[] }));
  const statuses = new Map<string, string>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = obj(obj(item)[method]);
      if (!op.responses) continue;
      const security = securityOf(op);
      const body = obj(obj(op.requestBody).content);
      const mediaTypes = Object.keys(body);
      const firstBody = obj(body[mediaTypes[0] ?? ""]);
      const operation: Operation = {
        id: `${method}-${path}`.replace(/[^a-z0-9]+/gi, "-").toLowerCase(),
        method: method.toUpperCase(),
        path,
        summary: typeof op.summary === "string" ? op.summary : "",
        security: security.label,
        scope: security.scope,
        params: (Array.isArray(op.parameters) ? (op.parameters as Json[]) : []).map((p) => ({
          name: String(p.name),
          in: String(p.in),
          type: typeOf(p.schema),
          required: p.required === true,
          description: typeof p.description === "string" ? p.description : undefined,
        })),
        body: mediaTypes.length
          ? {
              mediaTypes,
              fields: fieldsOf(firstBody.schema, schemas),
              example: firstBody.example ? JSON.stringify(firstBody.example, null, 2) : undefined,
            }
          : null,
        answers: Object.entries(obj(op.responses)).map(([status, res]) => {
          const json = obj(obj(obj(res).content)["application/json"]);
          const description = String(obj(res).description ?? "");
          if (!status.startsWith("2")) statuses.set(status, statuses.get(status) ?? description);
          return {
            status,
            description,
            example: json.example ? JSON.stringify(json.example, null, 2) : undefined,
          };
        }),
      };
      const tag = Array.isArray(op.tags) ? String(op.tags[0]) : "";
      groups.find((g) => g.tag === tag)?.operations.push(operation);
    }
  }
  return {
    title: doc.info.title,
    description: doc.info.description ?? "",
    groups,
    schemas: Object.keys(schemas)
      .sort()
      .map((name) => ({ name, fields: fieldsOf(schemas[name], schemas) })),
    statuses: [...statuses.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, description]) => ({ status, description })),
  };
}
