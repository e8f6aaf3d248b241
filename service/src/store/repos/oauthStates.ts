/** Pending OAuth round trips, found by the SHA-256 of their state; the PKCE verifier is encrypted. */
import { sha256Hex } from '../../crypto/random';
import { SECRET_COLUMNS, seal, unseal } from '../secretColumns';
import type { RepoContext } from '../rowValues';
import { date, jsonOrNull, jsonText, ms, str, strOrNull } from '../rowValues';
import type { OAuthStateRepository } from '../types';
import type { Actor } from '../../domain/actor';
import type { ConnectionMode, Environment, OAuthPurpose } from '../../domain/connection';
import { consumeOnce } from './consumeOnce';

export function oauthStateRepository({ db, box, clock }: RepoContext): OAuthStateRepository {
  return {
    async create(input) {
      const stateHash = sha256Hex(input.state);
      await db.run(
        `INSERT INTO oauth_states (state_hash, purpose, browser_hash, code_verifier_enc, environment, login_url, mode,
           expected_org_id, actor, return_to, created_at, expires_at, used_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
        [
          stateHash,
          input.purpose,
          sha256Hex(input.browserId),
          seal(box, SECRET_COLUMNS.codeVerifier, stateHash, input.codeVerifier),
          input.environment,
          input.loginUrl,
          input.mode,
          input.expectedOrgId,
          input.actor && jsonText(input.actor),
          input.returnTo,
          clock.now().getTime(),
          ms(input.expiresAt),
        ],
      );
    },

    async consume(state, browserId) {
      const stateHash = sha256Hex(state);
      const result = await consumeOnce(db, {
        table: 'oauth_states',
        hashColumn: 'state_hash',
        hash: stateHash,
        now: clock.now().getTime(),
        browserHash: sha256Hex(browserId),
      });
      if (!result.ok) return result;
      const row = result.value;
      return {
        ok: true,
        value: {
          purpose: str(row.purpose) as OAuthPurpose,
          codeVerifier: unseal(box, SECRET_COLUMNS.codeVerifier, stateHash, row.code_verifier_enc) ?? '',
          environment: strOrNull(row.environment) as Environment | null,
          loginUrl: str(row.login_url),
          mode: strOrNull(row.mode) as ConnectionMode | null,
          expectedOrgId: strOrNull(row.expected_org_id),
          actor: jsonOrNull<Actor>(row.actor),
          returnTo: strOrNull(row.return_to),
          createdAt: date(row.created_at),
          expiresAt: date(row.expires_at),
          usedAt: date(row.used_at),
        },
      };
    },

    async purgeExpired(olderThan) {
      return db.run('DELETE FROM oauth_states WHERE expires_at < ?', [olderThan.getTime()]);
    },
  };
}
