/** Timing a batch of calls made one after another. */

/** Wall time and this process's CPU time (user + system), in µs per call. */
export async function timeCalls(calls, fn) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  const used = process.cpuUsage(cpu);
  return { wall: ((performance.now() - started) * 1000) / calls, cpu: (used.user + used.system) / calls };
}

/** Wall time in µs per call of a synchronous step: no await between calls, which would cost more than the step. */
export function timeSyncCalls(calls, fn) {
  const started = performance.now();
  for (let i = 0; i < calls; i++) fn();
  return ((performance.now() - started) * 1000) / calls;
}
