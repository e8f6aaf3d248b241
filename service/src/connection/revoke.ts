/**
 * Revoking tokens at Salesforce, best effort: a refresh token revokes itself and every access token issued from it.
 * A token Salesforce no longer knows (`invalid_token`) counts as revoked. Failures are reported to the caller so the
 * admin is told, never thrown: revocation is cleanup after a decision that stands.
 */
import type { Logger } from '../logger';
import type { ClientAppConfig } from '../salesforce/oauthClient';
import { OAuthError, revokeToken } from '../salesforce/oauthClient';

/** Whether revocation worked, and why not. */
export type RevokeOutcome = { ok: true } | { ok: false; reason: string };

/** Revokes a token at the login host it was issued by. */
export async function revokeAtSalesforce(
  loginUrl: string,
  app: ClientAppConfig,
  token: string,
  logger: Logger,
): Promise<RevokeOutcome> {
  try {
    await revokeToken(loginUrl, app, token);
    return { ok: true };
  } catch (error) {
    if (error instanceof OAuthError && error.kind === 'salesforce' && error.error === 'invalid_token') {
      return { ok: true };
    }
    const reason =
      error instanceof OAuthError
        ? error.kind === 'network'
          ? 'Salesforce could not be reached'
          : `Salesforce answered ${error.error}`
        : 'an unexpected error';
    logger.warn(
      { loginUrl, errorCode: error instanceof OAuthError ? error.error : 'unknown' },
      'token revocation failed',
    );
    return { ok: false, reason };
  }
}
