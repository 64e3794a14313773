export { jsvBoolean, jsvNumber } from './bind-jsv-scalar.js';
export { JsvSyntaxError } from './jsv-syntax-error.js';
export type { JsvObject, JsvValue } from './jsv-value.js';
export { parseJsv, parseJsvObject, type ParseJsvOptions } from './parse-jsv.js';
export { stringifyJsv } from './stringify-jsv.js';
