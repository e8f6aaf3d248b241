/**
 * The Connect REST credential store of External Credentials (`/named-credentials/credential`): principal secrets
 * that Salesforce keeps outside metadata. Editing needs Manage Named Credentials or Customize Application (reading
 * also allows View Setup and Configuration); the External Credential and the principal must exist; PATCH is for the
 * Custom protocol only; encrypted values are never returned in clear. Stored values live in the record store so that
 * savepoints and rollback cover them.
 */
import type {
  CallContext,
  CredentialInput,
  CredentialOutput,
  CredentialPrincipalType,
  EffectiveAccess,
  SfRecord,
} from './types';
import { SfApiError } from './types';
import type { OrgCore } from './core';

/** How Salesforce shows an encrypted credential value in a response (UNCONFIRMED: the exact mask). */
export const MASKED_CREDENTIAL_VALUE = '********';

const TABLE = '__Credential';
const PRINCIPAL_TYPES: readonly CredentialPrincipalType[] = ['NamedPrincipal', 'PerUserPrincipal', 'AwsStsPrincipal'];
const EDITORS = ['ManageNamedCredentials', 'CustomizeApplication'];
const READERS = [...EDITORS, 'ViewSetup'];

interface StoredCredential extends SfRecord {
  ExternalCredential: string;
  PrincipalName: string | null;
  PrincipalType: CredentialPrincipalType;
  AuthenticationProtocol: string;
  Credentials: Record<string, { value: string; encrypted: boolean }>;
}

function invalid(message: string): SfApiError {
  return new SfApiError(400, 'INVALID_INPUT', message);
}

/** Credential operations of one org. */
export class CredentialStore {
  constructor(private readonly core: OrgCore) {}

  /** GET: the stored credential, masked; NotConfigured with no values when none is stored yet. */
  get(
    access: EffectiveAccess,
    externalCredential: string,
    principalName: string | undefined,
    principalType: CredentialPrincipalType,
  ): CredentialOutput {
    this.require(access, READERS);
    const { ec, principal } = this.resolve(externalCredential, principalName, principalType);
    return this.output(ec, principal, principalType, this.stored(ec, principal, principalType));
  }

  /** POST (create), PUT (update: replaces every value) or PATCH (merges values; Custom protocol only). */
  put(
    ctx: CallContext,
    access: EffectiveAccess,
    body: CredentialInput,
    mode: 'create' | 'update' | 'patch',
  ): CredentialOutput {
    this.require(access, EDITORS);
    this.validate(body);
    const { ec, principal } = this.resolve(body.externalCredential, body.principalName, body.principalType);
    if (body.authenticationProtocol !== ec.AuthenticationProtocol) {
      throw invalid(
        `The authentication protocol ${body.authenticationProtocol} doesn't match the external credential's protocol ${String(ec.AuthenticationProtocol)}.`,
      );
    }
    if (mode === 'patch' && ec.AuthenticationProtocol !== 'Custom') {
      throw invalid('PATCH is supported only for external credentials that use the Custom authentication protocol.');
    }
    const existing = this.stored(ec, principal, body.principalType);
    if (mode === 'create' && existing) {
      throw new SfApiError(
        400,
        'DUPLICATE_VALUE',
        `A credential already exists for principal ${String(principal.ParameterName)}. Use PUT or PATCH to change it.`,
      );
    }
    if (mode !== 'create' && !existing) {
      throw new SfApiError(
        404,
        'NOT_FOUND',
        `No credential is stored for principal ${String(principal.ParameterName)}. Use POST to create it.`,
      );
    }
    const credentials =
      mode === 'patch' && existing
        ? { ...existing.Credentials, ...copyValues(body.credentials) }
        : copyValues(body.credentials);
    const row: StoredCredential = {
      Id: this.key(ec, principal, body.principalType),
      ExternalCredential: String(ec.DeveloperName),
      PrincipalName: typeof principal.ParameterName === 'string' ? principal.ParameterName : null,
      PrincipalType: body.principalType,
      AuthenticationProtocol: String(ec.AuthenticationProtocol),
      Credentials: credentials,
      LastModifiedById: ctx.userId,
      LastModifiedDate: this.core.nowIso(),
    };
    this.core.store.put(TABLE, row);
    return this.output(ec, principal, body.principalType, row);
  }

  /** DELETE: removes the stored credential (404 when none is stored). */
  delete(
    access: EffectiveAccess,
    externalCredential: string,
    principalName: string | undefined,
    principalType: CredentialPrincipalType,
  ): void {
    this.require(access, EDITORS);
    const { ec, principal } = this.resolve(externalCredential, principalName, principalType);
    const existing = this.stored(ec, principal, principalType);
    if (!existing)
      throw new SfApiError(
        404,
        'NOT_FOUND',
        `No credential is stored for principal ${String(principal.ParameterName)}.`,
      );
    this.core.store.remove(TABLE, existing.Id, false);
  }

  /** The stored values in clear, for tests (never exposed over HTTP). */
  debugValue(
    externalCredential: string,
    principalName: string,
    principalType: CredentialPrincipalType = 'NamedPrincipal',
  ): Record<string, string> | undefined {
    const { ec, principal } = this.resolve(externalCredential, principalName, principalType);
    const stored = this.stored(ec, principal, principalType);
    if (!stored) return undefined;
    return Object.fromEntries(Object.entries(stored.Credentials).map(([k, v]) => [k, v.value]));
  }

  private require(access: EffectiveAccess, permissions: readonly string[]): void {
    if (!permissions.some((p) => access.systemPermissions.has(p))) {
      throw new SfApiError(
        403,
        'INSUFFICIENT_ACCESS',
        "You don't have permission to manage named credentials. Ask your Salesforce admin for Manage Named Credentials or Customize Application.",
      );
    }
  }

  private validate(body: CredentialInput): void {
    if (!body || typeof body !== 'object') throw invalid('The request body must be a credential.');
    if (typeof body.externalCredential !== 'string' || body.externalCredential === '')
      throw invalid('externalCredential is required.');
    if (!PRINCIPAL_TYPES.includes(body.principalType))
      throw invalid(`principalType must be one of ${PRINCIPAL_TYPES.join(', ')}.`);
    if (typeof body.authenticationProtocol !== 'string') throw invalid('authenticationProtocol is required.');
    if (!body.credentials || typeof body.credentials !== 'object') throw invalid('credentials is required.');
    for (const [name, v] of Object.entries(body.credentials)) {
      if (!v || typeof v.value !== 'string' || typeof v.encrypted !== 'boolean') {
        throw invalid(`Credential ${name} needs a string value and a boolean encrypted flag.`);
      }
    }
  }

  private resolve(
    externalCredential: string,
    principalName: string | undefined,
    principalType: CredentialPrincipalType,
  ): { ec: SfRecord; principal: SfRecord } {
    if (!PRINCIPAL_TYPES.includes(principalType))
      throw invalid(`principalType must be one of ${PRINCIPAL_TYPES.join(', ')}.`);
    const ec = this.core.store.lookupRows('ExternalCredential', 'name', String(externalCredential).toLowerCase())[0];
    if (!ec) throw new SfApiError(404, 'NOT_FOUND', `External credential ${externalCredential} doesn't exist.`);
    if (principalType === 'NamedPrincipal' && !principalName)
      throw invalid('principalName is required for a NamedPrincipal.');
    const principal = this.core.store
      .lookupRows('ExternalCredentialParameter', 'credential', ec.Id)
      .find(
        (p) =>
          p.ParameterType === principalType &&
          (principalType !== 'NamedPrincipal' ||
            String(p.ParameterName).toLowerCase() === String(principalName).toLowerCase()),
      );
    if (!principal) {
      throw new SfApiError(
        404,
        'NOT_FOUND',
        `External credential ${String(ec.DeveloperName)} has no ${principalType} ${principalName ?? ''}`.trim() + '.',
      );
    }
    return { ec, principal };
  }

  private key(ec: SfRecord, principal: SfRecord, principalType: CredentialPrincipalType): string {
    return `${ec.Id}|${principalType}|${principal.Id}`;
  }

  private stored(
    ec: SfRecord,
    principal: SfRecord,
    principalType: CredentialPrincipalType,
  ): StoredCredential | undefined {
    return this.core.store.get(TABLE, this.key(ec, principal, principalType)) as StoredCredential | undefined;
  }

  private output(
    ec: SfRecord,
    principal: SfRecord,
    principalType: CredentialPrincipalType,
    stored: StoredCredential | undefined,
  ): CredentialOutput {
    const credentials: CredentialOutput['credentials'] = {};
    for (const [name, v] of Object.entries(stored?.Credentials ?? {})) {
      credentials[name] = { encrypted: v.encrypted, value: v.encrypted ? MASKED_CREDENTIAL_VALUE : v.value };
    }
    return {
      authenticationProtocol: String(ec.AuthenticationProtocol),
      authenticationProtocolVariant: null,
      authenticationStatus: stored && Object.keys(stored.Credentials).length > 0 ? 'Configured' : 'NotConfigured',
      credentials,
      externalCredential: String(ec.DeveloperName),
      principalName: principalType === 'NamedPrincipal' ? String(principal.ParameterName) : null,
      principalType,
    };
  }
}

function copyValues(values: CredentialInput['credentials']): StoredCredential['Credentials'] {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v.value, encrypted: v.encrypted }]));
}
