import { SfApiError, type CredentialInput } from '../../src/org/types';
import { MASKED_CREDENTIAL_VALUE } from '../../src/org/credentials';
import { DEMO_USERS } from '../../src/org/demoCatalog';
import { acmeCtx, testWorld } from './orgTestKit';

const world = testWorld();
const acme = world.org('acmeProduction');
const integration = acmeCtx(world, 'integration');

afterEach(() => acme.reset());

function body(credentials: CredentialInput['credentials'], overrides: Partial<CredentialInput> = {}): CredentialInput {
  return {
    externalCredential: 'GRAX_Service',
    principalName: 'Link',
    principalType: 'NamedPrincipal',
    authenticationProtocol: 'Custom',
    credentials,
    ...overrides,
  };
}

function errorOf(work: () => unknown): { status: number; errorCode: string; message: string } {
  try {
    work();
  } catch (e) {
    if (e instanceof SfApiError) return { status: e.status, errorCode: e.errorCode, message: e.message };
    throw e;
  }
  throw new Error('The call should have failed.');
}

describe('named credential store', () => {
  it('has the packaged principal with no credential stored yet', () => {
    expect(acme.getCredential(integration, 'GRAX_Service', 'Link', 'NamedPrincipal')).toEqual({
      authenticationProtocol: 'Custom',
      authenticationProtocolVariant: null,
      authenticationStatus: 'NotConfigured',
      credentials: {},
      externalCredential: 'GRAX_Service',
      principalName: 'Link',
      principalType: 'NamedPrincipal',
    });
  });

  it('stores a credential and never returns an encrypted value in clear', () => {
    const out = acme.putCredential(
      integration,
      body({ LinkKey: { value: 'gxk_secret', encrypted: true }, Region: { value: 'eu', encrypted: false } }),
      'create',
    );
    expect(out.authenticationStatus).toBe('Configured');
    expect(out.credentials).toEqual({
      LinkKey: { value: MASKED_CREDENTIAL_VALUE, encrypted: true },
      Region: { value: 'eu', encrypted: false },
    });
    expect(acme.getCredential(integration, 'grax_service', 'link', 'NamedPrincipal').credentials.LinkKey).toEqual({
      value: MASKED_CREDENTIAL_VALUE,
      encrypted: true,
    });
    expect(acme.debugCredentialValue('GRAX_Service', 'Link')).toEqual({ LinkKey: 'gxk_secret', Region: 'eu' });
  });

  it('refuses to create a credential twice and to update one that does not exist', () => {
    expect(
      errorOf(() => acme.putCredential(integration, body({ LinkKey: { value: 'a', encrypted: true } }), 'update'))
        .status,
    ).toBe(404);
    acme.putCredential(integration, body({ LinkKey: { value: 'a', encrypted: true } }), 'create');
    expect(
      errorOf(() => acme.putCredential(integration, body({ LinkKey: { value: 'b', encrypted: true } }), 'create')),
    ).toMatchObject({ status: 400, errorCode: 'DUPLICATE_VALUE' });
  });

  it('replaces every value on PUT and merges on PATCH', () => {
    acme.putCredential(
      integration,
      body({ LinkKey: { value: 'a', encrypted: true }, Extra: { value: 'x', encrypted: false } }),
      'create',
    );
    acme.putCredential(integration, body({ LinkKey: { value: 'b', encrypted: true } }), 'update');
    expect(acme.debugCredentialValue('GRAX_Service', 'Link')).toEqual({ LinkKey: 'b' });
    acme.putCredential(integration, body({ Extra: { value: 'y', encrypted: false } }), 'patch');
    expect(acme.debugCredentialValue('GRAX_Service', 'Link')).toEqual({ LinkKey: 'b', Extra: 'y' });
  });

  it('deletes a stored credential and answers 404 when none is left', () => {
    acme.putCredential(integration, body({ LinkKey: { value: 'a', encrypted: true } }), 'create');
    acme.deleteCredential(integration, 'GRAX_Service', 'Link', 'NamedPrincipal');
    expect(acme.debugCredentialValue('GRAX_Service', 'Link')).toBeUndefined();
    expect(errorOf(() => acme.deleteCredential(integration, 'GRAX_Service', 'Link', 'NamedPrincipal')).status).toBe(
      404,
    );
  });

  it('needs Manage Named Credentials or Customize Application to change credentials', () => {
    const restricted = acmeCtx(world, 'restrictedIntegration');
    expect(acme.getCredential(restricted, 'GRAX_Service', 'Link', 'NamedPrincipal').authenticationStatus).toBe(
      'NotConfigured',
    );
    expect(
      errorOf(() => acme.putCredential(restricted, body({ LinkKey: { value: 'a', encrypted: true } }), 'create')),
    ).toMatchObject({
      status: 403,
      errorCode: 'INSUFFICIENT_ACCESS',
    });
    expect(
      errorOf(() => acme.getCredential(acmeCtx(world, 'standard'), 'GRAX_Service', 'Link', 'NamedPrincipal')).status,
    ).toBe(403);
  });

  it('needs the external credential and the principal to exist', () => {
    expect(errorOf(() => acme.getCredential(integration, 'Nope', 'Link', 'NamedPrincipal'))).toMatchObject({
      status: 404,
      errorCode: 'NOT_FOUND',
    });
    expect(errorOf(() => acme.getCredential(integration, 'GRAX_Service', 'Other', 'NamedPrincipal'))).toMatchObject({
      status: 404,
      errorCode: 'NOT_FOUND',
    });
    const globex = world.org('globex');
    const globexAdmin = globex.findUserByUsername(DEMO_USERS.globex.admin.username);
    const ctx = { orgId: globex.id, userId: globexAdmin?.Id ?? '', apiVersion: 62, tooling: false };
    expect(errorOf(() => globex.getCredential(ctx, 'GRAX_Service', 'Link', 'NamedPrincipal')).status).toBe(404);
  });

  it('refuses a protocol that is not the external credential’s and malformed values', () => {
    expect(
      errorOf(() =>
        acme.putCredential(
          integration,
          body({ LinkKey: { value: 'a', encrypted: true } }, { authenticationProtocol: 'Oauth' }),
          'create',
        ),
      ),
    ).toMatchObject({
      status: 400,
      errorCode: 'INVALID_INPUT',
    });
    const malformed = body({ LinkKey: { value: 5 as unknown as string, encrypted: true } });
    expect(errorOf(() => acme.putCredential(integration, malformed, 'create')).message).toBe(
      'Credential LinkKey needs a string value and a boolean encrypted flag.',
    );
  });
});
