// Deterministic date formatting, identical on server and client (no hydration mismatches).

export function formatDate(value: string | Date, timeZone = "UTC"): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone }).format(
    new Date(value),
  );
}

export function formatDateTime(value: string | Date, timeZone = "UTC"): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName, so the fields are spelled out.
  return new Intl.DateTimeFormat("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(new Date(value));
}
