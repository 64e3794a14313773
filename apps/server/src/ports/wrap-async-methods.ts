/** What to do with the promise each async method of a port returns; the value or error goes on as the handler says. */
export type AsyncMethodHandler = <T>(result: Promise<T>) => Promise<T>;

/**
 * Wraps every async method of a port: the promise a method returns passes through `handle`.
 * Synchronous methods and every other property read through unchanged (a directory's
 * `maxPasswordBytes`, which narrows the password policy). One mechanism for the ports' wrappers
 * (failClosed, watchOutages), so each says only what it does with an outcome.
 */
export function wrapAsyncMethods<Port extends object>(port: Port, handle: AsyncMethodHandler): Port {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        return result instanceof Promise ? handle(result) : result;
      };
    },
  });
}
