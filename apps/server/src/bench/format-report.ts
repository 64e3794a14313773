import type { LoadSettings, TargetFigures } from './measure-target.js';

export interface BenchReport {
  /** `node --version` of the binary that ran the servers and the load. */
  readonly nodeVersion: string;
  readonly settings: LoadSettings;
  readonly baseline: TargetFigures;
  readonly reset: TargetFigures;
  /** reset ÷ baseline: below 1 for requests/s and above 1 for p99 mean the reset route costs more. */
  readonly ratios: { readonly requestsPerSecond: number; readonly p99Latency: number };
}

export function buildBenchReport(nodeVersion: string, settings: LoadSettings, baseline: TargetFigures, reset: TargetFigures): BenchReport {
  return {
    nodeVersion,
    settings,
    baseline,
    reset,
    ratios: {
      requestsPerSecond: reset.requestsPerSecond / baseline.requestsPerSecond,
      p99Latency: reset.p99LatencyMs / baseline.p99LatencyMs,
    },
  };
}

/** Plain text with aligned columns; numbers right-aligned so their digits line up. */
export function formatBenchReport(report: BenchReport): string {
  const { settings } = report;
  const header = ['target', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'];
  const rows = [report.baseline, report.reset].map((figures) => [
    figures.name,
    figures.requestsPerSecond.toFixed(1),
    String(figures.p50LatencyMs),
    String(figures.p99LatencyMs),
    String(figures.non2xx),
    String(figures.errors),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const formatRow = (cells: readonly string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [
    `node ${report.nodeVersion}; ${settings.connections} connections; ${settings.durationSeconds} s measured after ${settings.warmupSeconds} s warm-up, per target`,
    '',
    formatRow(header),
    ...rows.map(formatRow),
    '',
    `reset/baseline  requests/s ${report.ratios.requestsPerSecond.toFixed(2)}  p99 ${report.ratios.p99Latency.toFixed(2)}`,
  ].join('\n');
}
