// A sortable column header for server-sorted tables: a link to the same page sorted by the field.
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";

export function SortHeader({
  label,
  href,
  active,
  dir,
}: {
  label: string;
  href: string;
  active: boolean;
  dir: "asc" | "desc";
}) {
  const Icon = !active ? ArrowUpDown : dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <Link
      href={href}
      scroll={false}
      className="inline-flex items-center gap-1 uppercase hover:text-zinc-900"
      aria-label={`Sort by ${label}`}
    >
      {label}
      <Icon className={active ? "size-3" : "size-3 opacity-40"} aria-hidden />
    </Link>
  );
}
