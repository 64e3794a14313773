import { whoamiOutputSchema } from '@pwreset/contract';
import { z } from 'zod';
import { outcomeOf, type Check } from '../check.js';
import { mismatch, probe } from '../http-probe.js';

const whoamiAnswerSchema = z.object({ result: z.object({ data: whoamiOutputSchema }) });

/** `client.whoami`: what the kit reads to decide which legacy APIs to check. */
export const CLIENT_CHECKS: readonly Check[] = [
  {
    contract: 'trpc',
    id: 'trpc.client.whoami',
    title: 'GET /trpc/client.whoami with a bearer token answers the client’s id, name and legacy APIs',
    mutates: false,
    async run(context) {
      const response = await probe(context.fetch, `${context.baseUrl}/trpc/client.whoami`, {
        headers: { authorization: `Bearer ${await context.accessToken()}` },
      });
      const parsed = whoamiAnswerSchema.safeParse(response.json);
      return outcomeOf([
        ...(response.status === 200 ? [] : [mismatch('status', 200, response.status)]),
        ...(parsed.success ? [] : [`body is not a whoami answer: ${parsed.error.issues[0]?.message ?? ''}`]),
        ...(parsed.success && parsed.data.result.data.clientId !== context.clientId
          ? [mismatch('clientId', context.clientId, parsed.data.result.data.clientId)]
          : []),
      ]);
    },
  },
];
