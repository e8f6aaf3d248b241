/**
 * POST (or GET) /services/oauth2/revoke: revoking an access token ends that session; revoking a refresh token ends it
 * and every session issued from it. Success is an empty 200; errors are form-encoded, as jsforce expects.
 */
import type { EmulatorState } from '../emulatorState';
import type { HttpResult, IncomingCall } from '../core/httpTypes';
import { emptyResult, formResult } from '../core/results';

const TOKEN_SHAPES = [/^00D\w{12,15}![.\w]+$/, /^5Aep861[.\w]+$/];

/** POST /services/oauth2/revoke. */
export function handleRevoke(state: EmulatorState, call: IncomingCall): HttpResult {
  const params = call.method === 'GET' ? call.query : call.body.form();
  const token = params.get('token') ?? '';
  if (state.tokens.revokeAccessToken(token) || state.tokens.revokeRefreshToken(token)) return emptyResult(200);
  if (state.tokens.knows(token) || TOKEN_SHAPES.some((shape) => shape.test(token))) {
    return formResult(400, { error: 'invalid_token', error_description: 'invalid token' });
  }
  return formResult(400, { error: 'unsupported_token_type', error_description: 'this token type is not supported' });
}
