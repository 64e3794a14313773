/**
 * Whether this process exports traces: set once by startTracing, before the app is loaded (it is
 * registered with `node --import`). Read where tracing would cost something when off.
 */
let enabled = false;

export function markTracingEnabled(): void {
  enabled = true;
}

export function isTracingEnabled(): boolean {
  return enabled;
}
