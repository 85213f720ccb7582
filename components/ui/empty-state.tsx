import type { ReactNode } from "react";

export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center">
      {icon ? <div className="mb-3 text-zinc-400">{icon}</div> : null}
      <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
      {children ? <div className="mt-1 max-w-md text-sm text-zinc-600">{children}</div> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
