// npm run bench — benchmarks (not timed tests). Local servers and a throwaway local database
// only; every loop is bounded. Sections print their numbers as JSON lines.
import { benchAgents } from "./agents";
import { runAuthBench } from "./auth";
import { benchCrawl } from "./crawl";
import { runHistoryBench } from "./history";
import { runPagesBench } from "./pages";
import { benchQueueLatency } from "./queue-latency";
import { benchWebhooks } from "./webhooks";

const sections: [string, () => Promise<unknown>][] = [
  ["crawl 500-page local site vs plain fetch (no server latency)", () => benchCrawl(0)],
  ["crawl 500-page local site vs plain fetch (20 ms server latency)", () => benchCrawl(20)],
  ["queued → running latency over 200 runs (LISTEN/NOTIFY)", () => benchQueueLatency()],
  [
    "auth over HTTP: CI trigger 401, Agent API, token endpoint, REST API vs an http + pg floor",
    () => runAuthBench(),
  ],
  [
    "customer agents: trigger → agent claims (p50), 500 idle long-polling agents (server CPU, memory), agent vs cloud crawl of 500 pages",
    () => benchAgents(),
  ],
  [
    "dashboard pages at scale: API keys (10,000 keys), Runs (100,000 runs) — server ms, target < 300",
    () => runPagesBench(),
  ],
  [
    "history at scale: storage of an unchanged crawl, pages and run APIs at 10k / 1M / 10M runs (HISTORY_BENCH_STAGES)",
    () => runHistoryBench(),
  ],
  [
    "webhooks: signing µs, event → delivered at 100 events/s, one event to 1,000 endpoints",
    () => benchWebhooks(),
  ],
];

// `npm run bench -- <words>` runs only the sections whose title contains one of the words.
const only = process.argv.slice(2).map((word) => word.toLowerCase());

async function main() {
  for (const [name, run] of sections) {
    if (only.length > 0 && !only.some((word) => name.toLowerCase().includes(word))) continue;
    console.log(`\n▶ ${name}`);
    console.log(JSON.stringify(await run()));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
