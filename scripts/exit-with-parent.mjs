// Preloaded (node --import, through NODE_OPTIONS) into every process the launcher starts, so that
// no child outlives it: when the launcher is killed with SIGKILL it cannot stop its children,
// and this process is re-parented. Polling the parent pid is Node's portable stand-in for Linux's
// PR_SET_PDEATHSIG. On noticing, the process sends itself SIGTERM so its own graceful shutdown
// runs (the worker hands its runs back), and exits hard if that has not finished in 30 s.
// Plain JavaScript so that it loads into any node command, with or without a TypeScript loader.
const parent = process.ppid;
if (process.env.SIGNALDIFF_EXIT_WITH_PARENT === "1" && parent > 1) {
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    console.error(`[launcher] parent process ${parent} is gone; stopping ${process.pid}`);
    setTimeout(() => process.exit(1), 30_000).unref();
    process.kill(process.pid, "SIGTERM");
  }, 500);
  timer.unref();
}
