// The frame of the tool's hosted pages (its stand-ins for checkout.stripe.com and the billing
// portal): plain server-rendered HTML with a little inline CSS, no scripts, so the pages work in
// any browser and need nothing from the app.
export type Html = { readonly html: string };

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Tagged template that escapes every interpolated value unless it is already Html. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return { html: out };
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  if (typeof value === "object" && "html" in value) return (value as Html).html;
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Dates as the pages show them: medium style, UTC (the tool knows no team's time zone). */
export function formatDay(seconds: number | null | undefined): string {
  if (typeof seconds !== "number") return "—";
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(seconds * 1000),
  );
}

export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
  }).format(amount / 100);
}

const STYLE = `
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#fafafa;color:#18181b}
.banner{background:#fbbf24;color:#451a03;text-align:center;font-weight:600;padding:8px;font-size:14px}
header,main{max-width:56rem;margin:0 auto;padding:24px}
header{display:flex;justify-content:space-between;align-items:center}
header small{color:#71717a}
.grid{display:grid;gap:32px;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr))}
.card{background:#fff;border:1px solid #e4e4e7;border-radius:12px;padding:20px;margin-bottom:16px}
.muted{color:#52525b;font-size:14px}
.big{font-size:28px;font-weight:600;margin:12px 0 4px}
.row{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.badge{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px;background:#e0e7ff;color:#3730a3}
.badge.amber{background:#fef3c7;color:#92400e}
button,.button{font:inherit;border:0;border-radius:8px;padding:8px 14px;background:#18181b;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:#18181b;border:1px solid #d4d4d8}
button.ghost{background:transparent;color:#3f3f46}
.wide{width:100%}
dialog{border:1px solid #d4d4d8;border-radius:12px;padding:20px;max-width:28rem}
.status{color:#047857}
`;

export function page(title: string, body: Html): string {
  return `<!doctype html>${
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          ${{ html: STYLE }}
        </style>
      </head>
      <body>
        <div role="note" class="banner">Test mode — no real charge</div>
        <header>
          <strong>Signal Diff</strong>
          <small>Stripe test mode (development tool)</small>
        </header>
        <main id="main">${body}</main>
      </body>
    </html>`.html
  }`;
}
