// The generated types of the four legacy APIs, one namespace each (`antel.paths`, …). Types only:
// importing this entry costs a bundle nothing. The documents themselves are `./openapi/<api>.openapi.json`.
export type * as antel from './generated/antel.js';
export type * as cameramanager from './generated/cameramanager.js';
export type * as teenquotes from './generated/teenquotes.js';
export type * as trafficops from './generated/trafficops.js';
