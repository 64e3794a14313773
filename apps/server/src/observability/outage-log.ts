import { DependencyUnavailableError } from '@pwreset/contract';
import type { Logger } from '../logger.js';
import { wrapAsyncMethods } from '../ports/wrap-async-methods.js';

/**
 * Issue 13, point 7: an outage of a dependency (Redis, one user directory) is expected, and every
 * request during it answers 503 SERVICE_UNAVAILABLE by design. So it is logged as one warn line
 * when it starts and one when it ends (with how many calls were refused and for how long), never
 * as an error with a stack per request. Unexpected errors are not this log's business.
 */
export interface OutageLog {
  /** A call was refused because `dependency` could not answer (DependencyUnavailableError.dependency). */
  refused(dependency: string): void;
  /** `dependency` was seen unreachable without a call refused (a reconnect attempt failed): opens its outage, counts nothing. */
  unavailable(dependency: string): void;
  /** A call to `dependency` succeeded (or its connection is back): ends its outage, if one is open. */
  answered(dependency: string): void;
}

interface OpenOutage {
  readonly since: number;
  refusedCalls: number;
}

export function createOutageLog(logger: Logger, now: () => number = Date.now): OutageLog {
  const open = new Map<string, OpenOutage>();
  const openOutage = (dependency: string): OpenOutage => {
    const outage = open.get(dependency);
    if (outage) return outage;
    const started = { since: now(), refusedCalls: 0 };
    open.set(dependency, started);
    logger.warn({ dependency, outage: 'started' }, `${dependency} unavailable: answering 503`);
    return started;
  };
  return {
    refused(dependency) {
      openOutage(dependency).refusedCalls += 1;
    },
    unavailable(dependency) {
      openOutage(dependency);
    },
    answered(dependency) {
      const outage = open.get(dependency);
      if (!outage) return;
      open.delete(dependency);
      const seconds = Math.round((now() - outage.since) / 100) / 10;
      logger.warn(
        { dependency, outage: 'ended', refusedCalls: outage.refusedCalls, seconds },
        `${dependency} available again after ${outage.refusedCalls} refused calls over ${seconds} s`,
      );
    },
  };
}

/** Whether an error (or the error it wraps, as tRPC's do) is an expected outage, which the outage log reports. */
export function isExpectedOutage(error: unknown): boolean {
  if (error instanceof DependencyUnavailableError) return true;
  return error instanceof Error && error.cause instanceof DependencyUnavailableError;
}

/**
 * Wraps every async method of a port so that its outcomes reach the outage log: a success ends
 * `dependency`'s outage; a DependencyUnavailableError counts against the dependency it names (an
 * embedded directory's calls fail on Redis). The error itself goes on unchanged.
 */
export function watchOutages<Port extends object>(outages: OutageLog, dependency: string, port: Port): Port {
  return wrapAsyncMethods(port, (result) =>
    result.then(
      (answer) => {
        outages.answered(dependency);
        return answer;
      },
      (error: unknown) => {
        if (error instanceof DependencyUnavailableError) outages.refused(error.dependency);
        throw error;
      },
    ),
  );
}
