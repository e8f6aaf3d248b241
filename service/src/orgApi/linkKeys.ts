/**
 * Link keys: the credentials the package's Apex presents to the org-facing API, each bound to the org it was issued
 * for. Admins create, rotate and revoke them in Settings > Org link (the key is shown once); Auto Config writes one
 * into the org's External Credential through `keyToStore` (the engine's LinkKeyProvider). Reset GRAX revokes them all
 * with `store.linkKeys.revokeAll()`, which is enough: nothing here caches a key, and a connect link checks that the
 * key it was issued to is still valid when it is used.
 */
import type { Clock } from '../clock';
import { invalidFormField } from '../errors';
import type { Store } from '../store/types';
import type { Actor } from '../domain/actor';
import type { LinkKey } from '../domain/orgLink';
import { linkKeyInvalid, linkKeyMissing, orgMismatch } from './errors';
import { bearerCredential, formatLinkKey, newLinkKeyParts, parseLinkKey } from './linkKeyFormat';
import { canonicalOrgId } from '../domain/salesforceIds';
import { type AuditAction, ORG_LINK_AUDIT } from '../domain/audit';

/** How long a rotated key keeps working, so an admin has time to paste the new one into GRAX Setup. */
export const ROTATION_GRACE_MS = 10 * 60_000;

/** The actor Auto Config writes keys as. */
export const AUTO_CONFIG_ACTOR: Actor = { kind: 'system', id: 'autoconfig', name: 'Auto Config' };

/** What a key looks like to an admin right now. */
export type LinkKeyStatus = 'active' | 'expiring' | 'expired' | 'revoked';

/** A key together with its status and whether Auto Config stored it in the org. */
export interface LinkKeyView extends LinkKey {
  status: LinkKeyStatus;
  storedInOrgByAutoConfig: boolean;
}

/** A newly created key: `key` is the only time the full key exists outside the org. */
export interface IssuedLinkKey {
  key: string;
  record: LinkKey;
}

const settingKeys = {
  /** The key id Auto Config last wrote into the org's External Credential. */
  inOrg: (orgId: string) => `orgApi.linkKey.inOrg.${orgId}`,
  /** A key created for a write into the org that was not confirmed yet. */
  pending: (orgId: string) => `orgApi.linkKey.pending.${orgId}`,
  /** An admin asked Auto Config to store a new key in the org. */
  rotate: (orgId: string) => `orgApi.linkKey.rotateInOrg.${orgId}`,
};

function statusOf(key: LinkKey, now: Date): LinkKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return 'expired';
  return key.expiresAt ? 'expiring' : 'active';
}

/** Creating, rotating, revoking and checking link keys. */
export class LinkKeyService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Creates a key for an org (15- or 18-character id); a bad id is a problem with form field `orgId`. */
  async create(input: { orgId: string; actor: Actor }): Promise<IssuedLinkKey> {
    const orgId = canonicalOrgId(input.orgId);
    if (!orgId) {
      throw invalidFormField(
        'orgId',
        'Enter the Salesforce org id: 15 or 18 characters starting with 00D (Setup > Company Information).',
      );
    }
    const issued = await this.issue(orgId, input.actor);
    await this.audit(input.actor, ORG_LINK_AUDIT.linkKeyCreated, issued.record);
    return issued;
  }

  /** Replaces a key with a new one; the old key keeps working for ROTATION_GRACE_MS (until `oldKeyWorksUntil`). */
  async rotate(keyId: string, actor: Actor): Promise<IssuedLinkKey & { oldKeyWorksUntil: Date }> {
    const old = await this.usableKey(keyId);
    const parts = newLinkKeyParts();
    const graceUntil = new Date(this.clock.now().getTime() + ROTATION_GRACE_MS);
    const record = await this.store.linkKeys.rotate(
      old.keyId,
      { ...parts, orgId: old.orgId, createdBy: actor },
      graceUntil,
    );
    await this.audit(actor, ORG_LINK_AUDIT.linkKeyRotated, record, {
      replaced: old.keyId,
      oldKeyWorksUntil: graceUntil.toISOString(),
    });
    return { key: formatLinkKey(parts), record, oldKeyWorksUntil: graceUntil };
  }

  /** Revokes a key at once; false when it was already revoked. */
  async revoke(keyId: string, actor: Actor): Promise<boolean> {
    const key = await this.store.linkKeys.get(keyId);
    if (!key) throw unknownKey();
    const revoked = await this.store.linkKeys.revoke(keyId);
    if (revoked) await this.audit(actor, ORG_LINK_AUDIT.linkKeyRevoked, key);
    return revoked;
  }

  /** Every key, newest first, with its status (revoked and expired ones included, for the record). */
  async list(orgId?: string): Promise<LinkKeyView[]> {
    const now = this.clock.now();
    const keys = await this.store.linkKeys.list({ includeRevoked: true, ...(orgId ? { orgId } : {}) });
    const inOrg = new Set<string>();
    for (const org of new Set(keys.map((k) => k.orgId))) {
      const id = await this.store.settings.get(settingKeys.inOrg(org));
      if (typeof id === 'string') inOrg.add(id);
    }
    return keys.map((key) => ({ ...key, status: statusOf(key, now), storedInOrgByAutoConfig: inOrg.has(key.keyId) }));
  }

  /**
   * Checks an org API call: the `Authorization` header must carry a valid link key, and `X-Salesforce-Org-Id` must
   * name (in 15- or 18-character form) the org the key was issued for. Throws the org API's 401/403 errors.
   */
  async authenticate(authorization: string | undefined, orgIdHeader: string | undefined): Promise<LinkKey> {
    const presented = bearerCredential(authorization);
    if (presented === '') throw linkKeyMissing();
    const parts = parseLinkKey(presented);
    if (!parts) throw linkKeyInvalid();
    const key = await this.store.linkKeys.authenticate(parts.keyId, parts.secret);
    if (!key) throw linkKeyInvalid();
    const callingOrg = canonicalOrgId(orgIdHeader);
    if (!callingOrg || callingOrg !== canonicalOrgId(key.orgId)) throw orgMismatch(callingOrg);
    return key;
  }

  /** True when the key exists and is neither revoked nor expired (a connect link checks its issuer with it). */
  async isUsable(keyId: string): Promise<boolean> {
    const key = await this.store.linkKeys.get(keyId);
    const status = key ? statusOf(key, this.clock.now()) : 'revoked';
    return status === 'active' || status === 'expiring';
  }

  /** Asks the next Auto Config run to store a new key in the org (the old one is revoked once replaced). */
  async requestRotationInOrg(orgId: string, actor: Actor): Promise<void> {
    const org = canonicalOrgId(orgId);
    if (!org) throw invalidFormField('orgId', 'The org id is not valid.');
    await this.store.settings.set(settingKeys.rotate(org), true);
    await this.store.audit.append({ actor, action: ORG_LINK_AUDIT.linkKeyRotationRequested, orgId: org });
  }

  /** Whether an admin asked for a new key in the org that Auto Config has not stored yet. */
  async rotationRequested(orgId: string): Promise<boolean> {
    return (await this.store.settings.get(settingKeys.rotate(orgId))) === true;
  }

  /**
   * The engine's LinkKeyProvider: the key Auto Config should write into the org's External Credential, or null when
   * the org already holds a key GRAX accepts. A new key is stored (hashed) before it is handed over, so the org never
   * holds a key the service does not know. `confirm()` (after a successful write) revokes the keys it replaced; a key
   * whose write was never confirmed may or may not have reached the org, so the next run replaces it too.
   */
  async keyToStore(input: {
    orgId: string;
    storedInOrg: boolean;
  }): Promise<{ key: string; confirm(): Promise<void> } | null> {
    const orgId = canonicalOrgId(input.orgId);
    if (!orgId) return null;
    let unconfirmed = await this.unconfirmed(orgId);
    if (!input.storedInOrg && unconfirmed.length > 0) {
      // The org holds no key, so none of the unconfirmed writes happened.
      for (const keyId of unconfirmed) await this.store.linkKeys.revoke(keyId);
      unconfirmed = [];
    }
    const mustWrite =
      !input.storedInOrg ||
      unconfirmed.length > 0 ||
      (await this.rotationRequested(orgId)) ||
      !(await this.orgHoldsWorkingKey(orgId));
    if (!mustWrite) return null;

    const previous = await this.store.settings.get(settingKeys.inOrg(orgId));
    const issued = await this.issue(orgId, AUTO_CONFIG_ACTOR);
    await this.store.settings.set(settingKeys.pending(orgId), [...unconfirmed, issued.record.keyId]);
    return {
      key: issued.key,
      confirm: async () => {
        const replaced = [...unconfirmed, ...(typeof previous === 'string' ? [previous] : [])];
        await this.store.settings.set(settingKeys.inOrg(orgId), issued.record.keyId);
        await this.store.settings.delete(settingKeys.pending(orgId));
        await this.store.settings.delete(settingKeys.rotate(orgId));
        for (const keyId of replaced) await this.store.linkKeys.revoke(keyId);
        await this.audit(AUTO_CONFIG_ACTOR, ORG_LINK_AUDIT.linkKeyStoredInOrg, issued.record, {
          replaced: replaced.join(',') || null,
        });
      },
    };
  }

  /**
   * Whether the key the org holds is one GRAX accepts: the key Auto Config stored is still valid, or the org has
   * used a valid, unrotated key (one an admin pasted into GRAX Setup).
   */
  private async orgHoldsWorkingKey(orgId: string): Promise<boolean> {
    const stored = await this.store.settings.get(settingKeys.inOrg(orgId));
    if (typeof stored === 'string' && (await this.isUsable(stored))) return true;
    const now = this.clock.now();
    const keys = await this.store.linkKeys.list({ orgId });
    return keys.some((key) => key.lastUsedAt !== null && statusOf(key, now) === 'active');
  }

  private async unconfirmed(orgId: string): Promise<string[]> {
    const pending = await this.store.settings.get(settingKeys.pending(orgId));
    return Array.isArray(pending) ? pending.filter((id): id is string => typeof id === 'string') : [];
  }

  private async issue(orgId: string, actor: Actor): Promise<IssuedLinkKey> {
    const parts = newLinkKeyParts();
    const record = await this.store.linkKeys.create({ ...parts, orgId, createdBy: actor });
    return { key: formatLinkKey(parts), record };
  }

  private async usableKey(keyId: string): Promise<LinkKey> {
    const key = await this.store.linkKeys.get(keyId);
    if (!key) throw unknownKey();
    const status = statusOf(key, this.clock.now());
    if (status === 'revoked' || status === 'expired') {
      throw invalidFormField('keyId', `Link key ${keyId} is ${status}: create a new key instead of rotating it.`);
    }
    return key;
  }

  private async audit(
    actor: Actor,
    action: AuditAction,
    key: LinkKey,
    details: Record<string, string | null> = {},
  ): Promise<void> {
    await this.store.audit.append({ actor, action, target: key.keyId, orgId: key.orgId, details });
  }
}

function unknownKey() {
  return invalidFormField('keyId', 'There is no link key with this id. Reload Settings > Org link and try again.');
}
