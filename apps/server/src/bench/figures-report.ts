import { z } from 'zod';
import { EVENT_LOOP_SAMPLING_MS } from '../metrics/service-metrics.js';
import { comparisonSchema } from './comparison-schema.js';
import { formatPeerFigures, peerFiguresSchema } from './peer-figures-report.js';

// In a file of its own so that the peer's section (peer-figures-report.ts) can use it without a cycle.
export { comparisonSchema };

/** Issue 15 point 4: the server's event loop under 50 concurrent completions. */
export const EVENT_LOOP_P99_LIMIT_MS = 10;

const commandsSchema = z.object({ total: z.number(), byCommand: z.record(z.string(), z.number()) });

const memoryFigureSchema = z.object({
  sample: z.number().int().positive(),
  memoryUsageBytes: z.number(),
  usedMemoryDeltaBytes: z.number(),
  limitBytes: z.number(),
  pass: z.boolean(),
});

/** The whole `pnpm bench` report, as `--json` prints it: the shape machines may rely on. */
export const figuresReportSchema = z.object({
  machine: z.object({
    nodeVersion: z.string(),
    cpus: z.number().int().positive(),
    /** os.loadavg() (1, 5, 15 minutes) when the bench started and when it ended: a loaded machine gives lower absolute figures. */
    loadAverageAtStart: z.array(z.number()).length(3),
    loadAverageAtEnd: z.array(z.number()).length(3),
  }),
  settings: z.object({
    connections: z.number().int().positive(),
    durationSeconds: z.number().positive(),
    warmupSeconds: z.number().nonnegative(),
    rounds: z.number().int().positive(),
    operations: z.number().int().positive(),
    memorySample: z.number().int().positive(),
    mails: z.number().int().positive(),
    completionConcurrency: z.number().int().positive(),
  }),
  /** Each measured operation against its baseline, rounds interleaved. */
  comparisons: z.object({
    request: comparisonSchema,
    inspect: comparisonSchema,
    cameramanager: comparisonSchema,
    trafficops: comparisonSchema,
    antel: comparisonSchema,
    teenquotes: comparisonSchema,
    complete: comparisonSchema,
  }),
  /** Redis commands executed per operation (INFO commandstats deltas over `operations` calls, one at a time). */
  redisCommands: z.object({
    trpcBaseline: commandsSchema,
    requestKnown: commandsSchema,
    requestUnknown: commandsSchema,
    requestThrottled: commandsSchema,
    inspect: commandsSchema,
    complete: commandsSchema,
    cameramanager: commandsSchema,
    trafficops: commandsSchema,
    antel: commandsSchema,
    teenquotes: commandsSchema,
    mailPipeline: z.object({
      mails: z.number().int().positive(),
      total: z.number(),
      ours: z.number(),
      bullmq: z.number(),
      keyless: z.number(),
    }),
  }),
  /** `job`: a queued job as BullMQ keeps it (moved from the intake); `intakeEntry`: as the intake keeps it before the move. */
  memory: z.object({ secret: memoryFigureSchema, job: memoryFigureSchema, intakeEntry: memoryFigureSchema }),
  /** One standalone worker delivering a backlog of reset mails to a local SendGrid sink (issue 15: 1,500 a second). */
  mailThroughput: z.object({
    mails: z.number().int().positive(),
    concurrency: z.number().int().positive(),
    seconds: z.number(),
    mailsPerSecond: z.number(),
    workerCpuMsPerMail: z.number().nullable(),
    targetPerSecond: z.number(),
    pass: z.boolean(),
  }),
  /** passwordReset.request with the in-process worker on (sustainable-rate.ts): every mail delivered, the backlog drained. */
  sustainedRequest: z.object({
    requests: z.number(),
    loadSeconds: z.number(),
    drainSeconds: z.number(),
    perSecond: z.number(),
    /** The request comparison's median tRPC + SET rate, the same run's. */
    baselinePerSecond: z.number(),
    ratio: z.number(),
    targetRatio: z.number(),
    pass: z.boolean(),
  }),
  completion: z.object({
    /** The reset server's event-loop delay (p99) over each completion round, in ms: its lag reading less the sampling interval (readEventLoopP99Ms). */
    eventLoopP99Ms: z.array(z.number()).min(1),
    maxEventLoopP99Ms: z.number(),
    limitMs: z.number(),
    pass: z.boolean(),
  }),
  /** Only with `--peer`: our whole path per reset against the peer's. */
  peer: peerFiguresSchema.optional(),
});

export type FiguresReport = z.infer<typeof figuresReportSchema>;

const fixed = (value: number | null, digits = 1) => (value === null ? '-' : value.toFixed(digits));

/** Columns left-aligned, but those whose cells are all numbers (or '-'), right-aligned so their digits line up. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const numeric = header.map((_, column) => rows.every((row) => /^(?:-?[\d.]+|-)$/.test(row[column] ?? '')));
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 || !numeric[column] ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Plain text for a person; `--json` prints the report itself. */
export function formatFiguresReport(report: FiguresReport): string {
  const { machine, settings, comparisons, redisCommands, memory, mailThroughput, sustainedRequest: sustained, completion } = report;
  const comparisonRows = Object.values(comparisons).map((comparison) => [
    comparison.target,
    comparison.baseline,
    fixed(comparison.medianTargetPerSecond),
    fixed(comparison.medianBaselinePerSecond),
    fixed(comparison.medianTargetP99Ms, 0),
    fixed(comparison.medianBaselineP99Ms, 0),
    comparison.medianRatio.toFixed(2),
  ]);
  const { mailPipeline, ...perOperation } = redisCommands;
  const commandRows = Object.entries(perOperation).map(([name, counts]) => [
    name,
    fixed(counts.total, 2),
    Object.entries(counts.byCommand)
      .map(([command, calls]) => `${command} ${calls}`)
      .join(', '),
  ]);
  const memoryRow = (name: string, figure: FiguresReport['memory']['secret']) => [
    name,
    String(figure.sample),
    String(figure.memoryUsageBytes),
    String(figure.usedMemoryDeltaBytes),
    String(figure.limitBytes),
    figure.pass ? 'pass' : 'FAIL',
  ];
  return [
    `node ${machine.nodeVersion}; ${machine.cpus} cores; load average ${machine.loadAverageAtStart.map((load) => load.toFixed(1)).join(' ')} at start, ` +
      `${machine.loadAverageAtEnd.map((load) => load.toFixed(1)).join(' ')} at end`,
    `${settings.connections} connections (completions: ${settings.completionConcurrency} at once); ${settings.rounds} interleaved rounds of ` +
      `${settings.durationSeconds} s per side after ${settings.warmupSeconds} s warm-up; counts over ${settings.operations} operations; memory over ${settings.memorySample}`,
    '',
    ...table(['operation', 'baseline', 'ops/s', 'baseline ops/s', 'p99 ms', 'baseline p99', 'median ratio'], comparisonRows),
    '',
    `passwordReset.request with the worker in the process: ${sustained.requests} requests for known addresses answered in ` +
      `${fixed(sustained.loadSeconds, 2)} s and their mails delivered ${fixed(sustained.drainSeconds, 2)} s later: ` +
      `${fixed(sustained.perSecond, 0)}/s sustained, ${sustained.ratio.toFixed(2)} of the tRPC + SET baseline's ${fixed(sustained.baselinePerSecond, 0)}/s ` +
      `(target ${sustained.targetRatio}: ${sustained.pass ? 'pass' : 'FAIL'})`,
    '',
    'Redis commands per operation (INFO commandstats):',
    ...table(['operation', 'commands', 'by command'], commandRows),
    `mail pipeline per delivered mail (${mailPipeline.mails} mails): ${mailPipeline.total} in all; ours ${mailPipeline.ours}, ` +
      `BullMQ ${mailPipeline.bullmq}, keyless ${mailPipeline.keyless}`,
    `mail pipeline rate: ${mailThroughput.mails} mails by one worker (MAIL_WORKER_CONCURRENCY=${mailThroughput.concurrency}) ` +
      `to a local SendGrid sink in ${fixed(mailThroughput.seconds, 2)} s: ${fixed(mailThroughput.mailsPerSecond, 0)} mails/s ` +
      `(target ${mailThroughput.targetPerSecond}: ${mailThroughput.pass ? 'pass' : 'FAIL'}); the worker's CPU ${fixed(mailThroughput.workerCpuMsPerMail, 3)} ms per mail`,
    '',
    'Redis memory (bytes):',
    ...table(
      ['per', 'sample', 'MEMORY USAGE', 'used_memory delta', 'limit', ''],
      [memoryRow('live secret', memory.secret), memoryRow('queued job', memory.job), memoryRow('intake entry', memory.intakeEntry)],
    ),
    '',
    `event-loop delay p99 under ${settings.completionConcurrency} concurrent completions (lag less its ${EVENT_LOOP_SAMPLING_MS} ms sampling): ` +
      `${completion.eventLoopP99Ms.join(', ')} ms ` +
      `(max ${completion.maxEventLoopP99Ms}; limit ${completion.limitMs}) ${completion.pass ? 'pass' : 'FAIL'}`,
    ...(report.peer ? ['', ...formatPeerFigures(report.peer, settings.connections)] : []),
  ].join('\n');
}
