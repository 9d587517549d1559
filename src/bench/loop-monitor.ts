import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Preloaded (`node -r`) into the service by `npm run bench:imports`, to tell
 * the service's own blocking from the machine's: between two turns of the
 * event loop (a 5 ms timer), how much CPU the main thread used (its own work
 * held the loop that long) and how long it waited for a CPU (other processes
 * had it), from /proc/thread-self/schedstat. SIGWINCH (which Nest's shutdown
 * hooks leave alone, unlike SIGUSR2) starts a new
 * measurement; the figures are written to LOOP_MONITOR_FILE every 200 ms.
 */
const file = process.env.LOOP_MONITOR_FILE;
if (file) {
  const schedstat = (): [number, number] => {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return [run / 1e6, wait / 1e6];
  };
  let busy: number[] = [];
  let maxGap = 0;
  let maxWait = 0;
  let [lastRun, lastWait] = schedstat();
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    const [run, wait] = schedstat();
    busy.push(run - lastRun);
    maxGap = Math.max(maxGap, now - last);
    maxWait = Math.max(maxWait, wait - lastWait);
    [lastRun, lastWait, last] = [run, wait, now];
  }, 5);
  tick.unref();
  const write = setInterval(() => {
    const sorted = [...busy].sort((a, b) => a - b);
    writeFileSync(
      file,
      JSON.stringify({
        turns: sorted.length,
        busyMaxMs: sorted.at(-1) ?? 0,
        busyP99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
        gapMaxMs: maxGap,
        waitMaxMs: maxWait,
      }),
    );
  }, 200);
  write.unref();
  process.on('SIGWINCH', () => {
    busy = [];
    maxGap = 0;
    maxWait = 0;
    [lastRun, lastWait] = schedstat();
    last = performance.now();
  });
}
