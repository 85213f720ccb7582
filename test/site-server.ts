// A local website for crawler tests, the e2e suite, the benchmark and the demo: routes are
// computed per request, so a test can serve endless redirects, slow pages or a new "version".
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Route = {
  status?: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  redirect?: string;
  /** Stream this many bytes of filler (for size caps) instead of body. */
  hugeBytes?: number;
};

export type SiteServer = {
  url: string;
  port: number;
  hits: Map<string, number>;
  close: () => Promise<void>;
};

export async function startSiteServer(
  route: (path: string) => Route | null,
  port = 0,
  host = "127.0.0.1",
): Promise<SiteServer> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const r = route(path);
    if (!r) {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<html><head><title>Not found</title></head><body><h1>Not found</h1></body></html>");
      return;
    }
    const send = () => {
      if (r.redirect) {
        res.writeHead(r.status ?? 302, { location: r.redirect });
        res.end();
        return;
      }
      res.writeHead(r.status ?? 200, {
        "content-type": r.contentType ?? "text/html; charset=utf-8",
        ...r.headers,
      });
      if (r.hugeBytes) {
        const chunk = Buffer.alloc(64 * 1024, "a");
        let sent = 0;
        const pump = () => {
          while (sent < (r.hugeBytes ?? 0)) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.on("error", () => {});
        pump();
        return;
      }
      res.end(r.body ?? "");
    };
    if (r.delayMs) {
      const t = setTimeout(send, r.delayMs);
      res.on("close", () => clearTimeout(t));
    } else send();
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A page of HTML with a title, paragraphs and links. */
export function page(title: string, paragraphs: string[], links: string[] = []): Route {
  return {
    body: `<!doctype html><html><head><title>${title}</title><style>p{color:red}</style></head><body><h1>${title}</h1>${paragraphs
      .map((p) => `<p>${p}</p>`)
      .join(
        "",
      )}<nav>${links.map((l) => `<a href="${l}">${l}</a>`).join(" ")}</nav><script>var hidden = 1;</script></body></html>`,
  };
}

/** A site of n pages where page i links to pages 2i+1 and 2i+2 (a binary tree, BFS-friendly). */
export function treeSite(n: number, prefix = ""): (path: string) => Route | null {
  return (path) => {
    const m = new RegExp(`^${prefix}/p/(\\d+)$`).exec(path);
    const i = path === `${prefix}/` ? 0 : m ? Number(m[1]) : -1;
    if (i < 0 || i >= n) return null;
    const links = [2 * i + 1, 2 * i + 2].filter((k) => k < n).map((k) => `${prefix}/p/${k}`);
    return page(`Page ${i}`, [`This is page number ${i}.`, "Some shared footer text."], links);
  };
}
