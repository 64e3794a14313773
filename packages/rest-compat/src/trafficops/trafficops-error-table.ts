import type { ResetErrorCode } from '@pwreset/contract';

export interface TrafficOpsErrorAnswer {
  readonly status: 400 | 404 | 413 | 500 | 503;
  /** The alert's text; `<email>` stands for the address the request named. */
  readonly text: string;
}

const INTERNAL = { status: 500, text: 'Internal Server Error' } as const;
const UNAVAILABLE = { status: 503, text: 'Service Unavailable' } as const;

/**
 * Our error codes as Traffic Ops answers them (`x-error-table` in legacy-openapi/openapi/trafficops.openapi.json,
 * kept equal by a test). A request can only meet a few: the secret and password codes belong to
 * completions, which happen on our hosted page. Like traffic_ops_golang (api.HandleErr without a
 * user error), a server-side failure says only its status text.
 */
export const TRAFFIC_OPS_ANSWER_BY_RESET_ERROR = {
  INVALID_INPUT: { status: 400, text: 'Malformed request: The request is not valid.' },
  UNAUTHORIZED: INTERNAL,
  FORBIDDEN: INTERNAL,
  ACCOUNT_DISABLED: INTERNAL,
  RESET_URL_NOT_ALLOWED: INTERNAL,
  TOKEN_INVALID: INTERNAL,
  TOKEN_EXPIRED: INTERNAL,
  TOKEN_USED: INTERNAL,
  TOKEN_SUPERSEDED: INTERNAL,
  TOKEN_LOCKED: INTERNAL,
  // Code flows are our own API's (`method: "code"`); no Traffic Ops route can meet them.
  CODE_INVALID: INTERNAL,
  FLOW_LOCKED: INTERNAL,
  FLOW_EXPIRED: INTERNAL,
  PASSWORD_REJECTED: INTERNAL,
  // traffic_ops_golang's own words, with the address part of what was sent.
  ACCOUNT_NOT_FOUND: { status: 404, text: "No account with the email address '<email>' was found!" },
  // Traffic Ops has no 429; its "try again later" is a 503.
  TOO_MANY_REQUESTS: UNAVAILABLE,
  PAYLOAD_TOO_LARGE: { status: 413, text: 'Request Entity Too Large' },
  SERVICE_UNAVAILABLE: UNAVAILABLE,
  INTERNAL_ERROR: INTERNAL,
} as const satisfies Record<ResetErrorCode, TrafficOpsErrorAnswer>;

/** The status and text for an error code, with the address filled in. */
export function trafficOpsAnswerFor(code: ResetErrorCode, email = ''): TrafficOpsErrorAnswer {
  const answer: TrafficOpsErrorAnswer = TRAFFIC_OPS_ANSWER_BY_RESET_ERROR[code];
  return { status: answer.status, text: answer.text.replace('<email>', () => email) };
}
