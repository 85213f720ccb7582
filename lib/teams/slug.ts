import { randomBytes } from "node:crypto";

/** A URL slug from a team name: lowercase ASCII words joined by dashes. */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "team";
}

export function slugWithSuffix(name: string): string {
  return `${slugify(name)}-${randomBytes(3).toString("hex")}`;
}
