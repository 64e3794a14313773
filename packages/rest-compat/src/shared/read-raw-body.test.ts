import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRawBody } from './read-raw-body.js';

describe('readRawBody', () => {
  let url: string;
  const server = createServer(
    express().post('/', async (req, res) => {
      const body = await readRawBody(req, 1024);
      res.status(body.ok ? 200 : 413).json(body.ok ? { bytes: body.bytes.length } : { refused: body.reason });
    }),
  );
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads a body within the limit', async () => {
    const response = await fetch(url, { method: 'POST', body: 'x'.repeat(1000) });
    expect(await response.json()).toEqual({ bytes: 1000 });
  });

  it('refuses a body declared too large without reading it, closing the connection', async () => {
    const response = await fetch(url, { method: 'POST', body: 'x'.repeat(5000) });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
  });

  it('refuses a chunked body once it passes the limit, and the next request still works', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(url, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      for (let index = 0; index < 10; index += 1) request.write('y'.repeat(512));
      request.end();
    });
    expect(status).toBe(413);
    expect(await (await fetch(url, { method: 'POST', body: 'ok' })).json()).toEqual({ bytes: 2 });
  });
});
