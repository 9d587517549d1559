/**
 * Preloaded into the service by the memory benchmark (`node -r`): answers
 * "sample" and "gc" messages on the IPC channel with process.memoryUsage()
 * (after a full collection for "gc", when node runs with --expose-gc). Not
 * part of the service; the service itself never loads it.
 */
const send = process.send?.bind(process);
if (send) {
  process.on('message', (message: unknown) => {
    if (message !== 'sample' && message !== 'gc') return;
    const collect = (globalThis as { gc?: () => void }).gc;
    if (message === 'gc' && collect) collect();
    send({ kind: 'memory', ...process.memoryUsage() });
  });
  // The probe must not keep the service alive once it is told to stop.
  process.channel?.unref();
}
