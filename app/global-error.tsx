"use client";

// Shown when the root layout itself fails; it must render its own <html>.
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem", textAlign: "center" }}>
        <p style={{ color: "#dc2626", fontWeight: 600 }}>500</p>
        <h1>Something went wrong</h1>
        <p>Reference: {error.digest ?? "n/a"}</p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
