import type { WaitForReplicas } from './wait-for-replicas.js';

type MethodName<Port> = { [Key in keyof Port]: Port[Key] extends (...args: never[]) => Promise<unknown> ? Key : never }[keyof Port];

/** Calls `around` instead of each named method (every async one when `methods` is null); other properties read through. */
function aroundMethods<Port extends object>(
  port: Port,
  methods: ReadonlySet<PropertyKey> | null,
  around: (call: () => Promise<unknown>) => Promise<unknown>,
): Port {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || (methods !== null && !methods.has(property))) return value;
      return (...args: unknown[]) => around(() => Promise.resolve(value.apply(target, args)));
    },
  });
}

/**
 * The named methods answer only once their writes, and every write before them, are on the
 * replicas: what a request answers 200 after (a queued mail, an issued token) is then kept
 * by a failover. A shortfall rejects the call (503), though the write is on the master.
 */
export function answerOnceReplicated<Port extends object>(
  port: Port,
  methods: readonly MethodName<Port>[],
  waitForReplicas: WaitForReplicas,
): Port {
  return aroundMethods(port, new Set<PropertyKey>(methods), async (call) => {
    const answer = await call();
    await waitForReplicas();
    return answer;
  });
}

/**
 * Every async method first waits for the replicas: a sender, whose message must not leave before
 * what it rests on is kept (the link's secret in the store, the delivery's at-most-once claim),
 * or a failover could lose the claim and send it a second time, or lose the secret it carries.
 */
export function sendOnceReplicated<Port extends object>(port: Port, waitForReplicas: WaitForReplicas): Port {
  return aroundMethods(port, null, async (call) => {
    await waitForReplicas();
    return call();
  });
}

/** The two wrappings for the composition root; without REDIS_WAIT_REPLICAS each hands its port back as it is, at no cost. */
export interface Replication {
  answering<Port extends object>(port: Port, methods: readonly MethodName<Port>[]): Port;
  sending<Port extends object>(port: Port): Port;
}

export function replication(waitForReplicas: WaitForReplicas | null): Replication {
  if (!waitForReplicas) return { answering: (port) => port, sending: (port) => port };
  return {
    answering: (port, methods) => answerOnceReplicated(port, methods, waitForReplicas),
    sending: (port) => sendOnceReplicated(port, waitForReplicas),
  };
}
