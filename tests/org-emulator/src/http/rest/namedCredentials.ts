/**
 * Connect REST `/named-credentials/credential` (API 56+; PATCH 59+): stores, reads and deletes the credentials of an
 * External Credential principal. GET and DELETE take query parameters; POST creates (201), PUT replaces and PATCH
 * merges (200), DELETE answers 204. The org model applies who may do this and how secrets are masked.
 */
import { SfApiError, type CredentialInput, type CredentialPrincipalType } from '../../org/types';
import { callContext, type RestRequest, type RestResult } from './restTypes';

const PRINCIPAL_TYPES: readonly CredentialPrincipalType[] = ['NamedPrincipal', 'PerUserPrincipal', 'AwsStsPrincipal'];

function invalidInput(message: string): SfApiError {
  return new SfApiError(400, 'INVALID_API_INPUT', message);
}

function principalType(value: unknown): CredentialPrincipalType {
  if (value === undefined || value === null || value === '') return 'NamedPrincipal';
  if (typeof value === 'string' && (PRINCIPAL_TYPES as readonly string[]).includes(value)) {
    return value as CredentialPrincipalType;
  }
  throw invalidInput(`Invalid principalType '${String(value)}'. Use one of: ${PRINCIPAL_TYPES.join(', ')}.`);
}

function queryTarget(request: RestRequest): [string, string | undefined, CredentialPrincipalType] {
  const externalCredential = request.query.get('externalCredential');
  if (!externalCredential) throw invalidInput('Specify the externalCredential query parameter.');
  return [
    externalCredential,
    request.query.get('principalName') ?? undefined,
    principalType(request.query.get('principalType')),
  ];
}

function credentialInput(request: RestRequest): CredentialInput {
  const body = request.body.jsonObject();
  if (typeof body['externalCredential'] !== 'string' || body['externalCredential'] === '') {
    throw invalidInput('Specify externalCredential in the request body.');
  }
  const credentials = body['credentials'];
  if (credentials === null || typeof credentials !== 'object' || Array.isArray(credentials)) {
    throw invalidInput('Specify credentials as an object of {name: {value, encrypted}} in the request body.');
  }
  return {
    externalCredential: body['externalCredential'],
    principalName: typeof body['principalName'] === 'string' ? body['principalName'] : undefined,
    principalType: principalType(body['principalType']),
    authenticationProtocol: typeof body['authenticationProtocol'] === 'string' ? body['authenticationProtocol'] : '',
    credentials: credentials as CredentialInput['credentials'],
  };
}

/** GET, POST, PUT, PATCH and DELETE /named-credentials/credential. */
export function credentialResource(request: RestRequest): RestResult {
  const org = request.session.org;
  const ctx = callContext(request);
  switch (request.method) {
    case 'GET':
      return { status: 200, body: org.getCredential(ctx, ...queryTarget(request)) };
    case 'DELETE':
      org.deleteCredential(ctx, ...queryTarget(request));
      return { status: 204 };
    case 'POST':
      return { status: 201, body: org.putCredential(ctx, credentialInput(request), 'create') };
    case 'PUT':
      return { status: 200, body: org.putCredential(ctx, credentialInput(request), 'update') };
    default:
      return { status: 200, body: org.putCredential(ctx, credentialInput(request), 'patch') };
  }
}
