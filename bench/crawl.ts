// Crawler throughput: our crawler over a local 500-page site against a plain concurrent fetch of
// the same URLs at the same parallelism. The ratio is the crawler's overhead (parsing, link
// discovery, robots.txt, text hashing), not network speed.
import { crawl } from "@/lib/crawl/crawl";
import { createHttpFetcher } from "@/lib/crawl/fetcher";
import { startSiteServer, treeSite, type Route } from "@/test/site-server";

const PAGES = 500;
const PARALLELISM = 8;
const ROUNDS = 3;

async function plainFetch(urls: string[], parallelism: number): Promise<number> {
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      if (!url) break;
      const res = await fetch(url);
      bytes += (await res.text()).length;
    }
  };
  await Promise.all(Array.from({ length: parallelism }, worker));
  return bytes;
}

export async function benchCrawl(latencyMs: number) {
  const tree = treeSite(PAGES);
  const server = await startSiteServer((path): Route | null => {
    const r = tree(path);
    return r && latencyMs ? { ...r, delayMs: latencyMs } : r;
  });
  try {
    const settings = {
      startUrl: `${server.url}/`,
      maxPages: PAGES,
      maxDepth: 20,
      includePatterns: [],
      excludePatterns: [],
      requestTimeoutMs: 10_000,
    };
    const fetcher = createHttpFetcher({ allowPrivateNetworks: true });
    // Warm up both paths over the whole site (JIT, keep-alive sockets): this section runs first
    // in `npm run bench`, and a 20-page warm-up left the crawl's parser half-compiled.
    const warm = await crawl(fetcher, settings, { concurrency: PARALLELISM });
    await plainFetch(
      warm.map((p) => p.url),
      PARALLELISM,
    );
    let pages: Awaited<ReturnType<typeof crawl>> = [];
    let crawlMs = Infinity;
    let fetchMs = Infinity;
    // Rounds alternate the two sides and each keeps its fastest round: on a shared machine a
    // burst of someone else's load otherwise lands on one side and swings the ratio both ways.
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      pages = await crawl(fetcher, settings, { concurrency: PARALLELISM });
      crawlMs = Math.min(crawlMs, performance.now() - t0);
      const urls = pages.map((p) => p.url);
      const t1 = performance.now();
      await plainFetch(urls, PARALLELISM);
      fetchMs = Math.min(fetchMs, performance.now() - t1);
    }
    const urls = pages.map((p) => p.url);
    const crawlRate = pages.length / (crawlMs / 1000);
    const fetchRate = urls.length / (fetchMs / 1000);
    return {
      latencyMs,
      pages: pages.length,
      parallelism: PARALLELISM,
      rounds: ROUNDS,
      crawlPagesPerSec: Math.round(crawlRate),
      plainFetchPagesPerSec: Math.round(fetchRate),
      ratio: Number((crawlRate / fetchRate).toFixed(2)),
    };
  } finally {
    await server.close();
  }
}
