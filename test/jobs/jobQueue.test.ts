/**
 * The generic job queue against a real Redis server (skipped with one line without one):
 * results by content id, dedupe, retries, dead letters, blobs.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, contentId, JobFailedError, openJobSubmitter, parseQueueUrl, PermanentJobError, startJobWorker, type JobEvent, type JobSubmitter, type JobWorker } from '../../src/jobs/index.ts';
import { reachableRedisUrl, uniqueQueueUrl } from './redisUrl.ts';

describe('contentId / canonicalJson (no server)', () => {
  it('is independent of key order at every level (fast-check)', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.array(fc.double({ noNaN: true, noDefaultInfinity: true })))), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      expect(contentId({ a: reversed, z: 1 })).toBe(contentId({ z: 1, a: obj }));
    }));
  });

  it('is the sha256 of the sorted-key JSON text (checked against a hand-written text)', async () => {
    const { createHash } = await import('node:crypto');
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    expect(contentId({ b: 1, a: 'x' })).toBe(createHash('sha256').update('{"a":"x","b":1}').digest('hex'));
  });

  it('parseQueueUrl reads host, port, db and queue name, and refuses other schemes', () => {
    const a = parseQueueUrl('redis://10.0.0.5:6391/3?queue=study-1');
    expect(a.connection).toEqual({ host: '10.0.0.5', port: 6391, db: 3 });
    expect(a.queueName).toBe('study-1');
    expect(parseQueueUrl('redis://localhost').connection).toEqual({ host: 'localhost', port: 6379, db: 0 });
    expect(() => parseQueueUrl('http://localhost:6379')).toThrow(/scheme "http:"/);
    expect(() => parseQueueUrl('redis://h/x')).toThrow(/database "x"/);
  });
});

const url = await reachableRedisUrl('test/jobs/jobQueue.test.ts');

describe.skipIf(url === undefined)('job queue on a real Redis server', () => {
  const address = parseQueueUrl(uniqueQueueUrl(url ?? 'redis://127.0.0.1', 'jobs'));
  const calls = new Map<string, number>();
  const events: JobEvent[] = [];
  let submitter: JobSubmitter;
  let worker: JobWorker;

  beforeAll(async () => {
    submitter = await openJobSubmitter(address, { attempts: 2, backoffMs: 10, onEvent: (e) => events.push(e) });
    worker = await startJobWorker(address, {
      square: async (data) => {
        const { x } = data as { x: number };
        calls.set(`square:${x}`, (calls.get(`square:${x}`) ?? 0) + 1);
        return x * x;
      },
      flaky: async (data, ctx) => {
        if (ctx.attempt === 1) throw new Error('first attempt fails');
        return { attempt: ctx.attempt, data };
      },
      broken: async () => {
        throw new Error('always fails');
      },
      refused: async () => {
        throw new PermanentJobError('bad input');
      },
      blob: async (data, ctx) => ctx.getBlob((data as { blob: string }).blob),
    }, { concurrency: 2, lockMs: 5000 });
  });

  afterAll(async () => {
    await worker?.close();
    await submitter?.close();
  });

  it('runs a job, and the same content again is found under its id, not run twice', async () => {
    const [a, b] = await Promise.all([submitter.run<number>('square', { x: 7 }), submitter.run<number>('square', { x: 7 })]);
    expect([a, b]).toEqual([49, 49]);
    expect(await submitter.run<number>('square', { x: 7 })).toBe(49);
    expect(calls.get('square:7')).toBe(1);
    expect(events.filter((e) => e.state === 'completed').length).toBeGreaterThanOrEqual(3);
  });

  it('retries a failed attempt', async () => {
    expect(await submitter.run('flaky', { y: 1 })).toEqual({ attempt: 2, data: { y: 1 } });
  });

  it('a job failing every attempt is a dead letter after 2 attempts; a permanent error after 1', async () => {
    await expect(submitter.run('broken', {})).rejects.toBeInstanceOf(JobFailedError);
    await expect(submitter.run('refused', {})).rejects.toThrow(/bad input/);
    const letters = submitter.deadLetters.map((d) => [d.kind, d.attempts, d.reason]);
    expect(letters).toEqual(expect.arrayContaining([['broken', 2, 'always fails'], ['refused', 1, 'bad input']]));
  });

  it('a worker reads blobs the submitter stored', async () => {
    const value = { files: { 'a.json': '{}' } };
    await submitter.putBlob(contentId(value), value);
    expect(await submitter.run('blob', { blob: contentId(value) })).toEqual(value);
  });
});
