/**
 * Connect REST `/named-credentials/credential` (API 56+; PATCH 59+): stores, reads and deletes the credentials of an
 * External Credential principal. GET and DELETE take query parameters; POST creates (201), PUT replaces and PATCH
 * merges (200), DELETE answers 204. The org model validates the input and applies who may do this and how secrets
 * are masked; this module only maps HTTP onto it.
 */
import type { CredentialInput, CredentialPrincipalType } from '../../org/types';
import { callContext, type RestRequest, type RestResult } from './restTypes';

function queryTarget(request: RestRequest): [string, string | undefined, CredentialPrincipalType] {
  return [
    request.query.get('externalCredential') ?? '',
    request.query.get('principalName') ?? undefined,
    (request.query.get('principalType') ?? 'NamedPrincipal') as CredentialPrincipalType,
  ];
}

/** GET, POST, PUT, PATCH and DELETE /named-credentials/credential. */
export function credentialResource(request: RestRequest): RestResult {
  const org = request.session.org;
  const ctx = callContext(request);
  if (request.method === 'GET') return { status: 200, body: org.getCredential(ctx, ...queryTarget(request)) };
  if (request.method === 'DELETE') {
    org.deleteCredential(ctx, ...queryTarget(request));
    return { status: 204 };
  }
  // The model checks the body's shape and answers INVALID_INPUT for anything missing.
  const body = request.body.jsonObject() as unknown as CredentialInput;
  if (request.method === 'POST') return { status: 201, body: org.putCredential(ctx, body, 'create') };
  return { status: 200, body: org.putCredential(ctx, body, request.method === 'PUT' ? 'update' : 'patch') };
}
