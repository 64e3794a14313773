import { stringifyJsv, type JsvValue } from '@pwreset/jsv';
import type { Response } from 'express';
import type { AntelAnswer } from './antel-answer.js';
import type { ResponseFormat } from './antel-paths.js';

const CONTENT_TYPE: Readonly<Record<ResponseFormat, string>> = {
  json: 'application/json; charset=utf-8',
  jsv: 'text/jsv; charset=utf-8',
};

/** Writes an answer as JSON or JSV; absent (undefined) properties are left out of both, as ServiceStack omits nulls. */
export function sendAntelAnswer(res: Response, answer: AntelAnswer, format: ResponseFormat): void {
  const json = JSON.stringify(answer.body);
  // What JSON.parse returns is made of strings, numbers, booleans, nulls, arrays and plain
  // objects only: a JsvValue by construction, which TypeScript cannot see through `unknown`.
  const text = format === 'json' ? json : stringifyJsv(JSON.parse(json) as JsvValue);
  res
    .status(answer.status)
    .set(answer.headers ?? {})
    .setHeader('Content-Type', CONTENT_TYPE[format]);
  res.send(text);
}
