// Team roles, from most to least powerful. Viewer is read-only.
import type { Role } from "@/lib/generated/prisma/enums";

export const ROLES = ["owner", "admin", "member", "viewer"] as const satisfies readonly Role[];
export type { Role };

const RANK: Record<Role, number> = { owner: 3, admin: 2, member: 1, viewer: 0 };

/** True when `role` is at least `minimum` (owner ≥ admin ≥ member ≥ viewer). */
export function hasRole(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Full control, including billing, members and deleting the team.",
  admin: "Manage members, credentials, billing and every resource.",
  member: "Create and run sites; cannot manage members or credentials.",
  viewer: "Read-only access to sites, runs and settings.",
};
