import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { pipelineReplies } from './pipeline-replies.js';

const privateRedis = usePrivateRedisPerFile();

describe('pipelineReplies', () => {
  it("gives each command's reply, in order", async () => {
    const redis = privateRedis.redis();
    const key = `${privateRedis.freshPrefix()}:counter`;
    expect(pipelineReplies(await redis.pipeline().incr(key).get(key).del(key).exec())).toEqual([1, '1', 1]);
  });

  it('throws the error of a command that failed, though the pipeline itself did not reject', async () => {
    const redis = privateRedis.redis();
    const key = `${privateRedis.freshPrefix()}:text`;
    await redis.set(key, 'not a number');
    const results = await redis.pipeline().get(key).incr(key).exec();
    expect(() => pipelineReplies(results)).toThrow(/not an integer/);
    expect(() => pipelineReplies(null)).toThrow(/did not run/);
  });
});
