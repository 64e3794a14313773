import { z } from 'zod';

const roundFiguresSchema = z.object({ perSecond: z.number(), p99Ms: z.number().nullable() });

/** One comparison of interleaved-rounds.ts (its Comparison), as the report carries it. */
export const comparisonSchema = z.object({
  name: z.string(),
  target: z.string(),
  baseline: z.string(),
  rounds: z.array(z.object({ target: roundFiguresSchema, baseline: roundFiguresSchema, ratio: z.number() })).min(1),
  medianRatio: z.number(),
  medianTargetPerSecond: z.number(),
  medianBaselinePerSecond: z.number(),
  medianTargetP99Ms: z.number().nullable(),
  medianBaselineP99Ms: z.number().nullable(),
});
