/**
 * A separate process for `npm run bench:imports`: asks BASE/health every 20 ms
 * (each waiting up to 10 s) until its stdin closes, then prints the latencies
 * as JSON. Apart from the benchmark's own process, whose event loop is busy
 * sending the file, so that only the service's delay is measured.
 */
const base = process.argv[2];
const latencies: number[] = [];
let unanswered = 0;
let stopped = false;
process.stdin.on('end', () => (stopped = true));
process.stdin.resume();

async function poll(): Promise<void> {
  while (!stopped) {
    const t0 = performance.now();
    try {
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
    } catch {
      if (!stopped) unanswered++;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  process.stdout.write(JSON.stringify({ latencies, unanswered }));
}

void poll();
