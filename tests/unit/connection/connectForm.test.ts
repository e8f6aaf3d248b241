/** Validating the connect form and the wording of Salesforce's refusals at the callback. */
import { salesforceRefused } from '@service/connection/callbackErrors';
import { purposeFor, validateConnectForm } from '@service/connection/startConnect';
import type { AppError } from '@service/errors';
import { newConnection } from '@test-support/memoryStore';

const config = {
  salesforce: {
    clientId: 'c',
    clientSecret: 's',
    productionLoginUrl: 'https://login.salesforce.com',
    sandboxLoginUrl: 'https://test.salesforce.com',
    extraLoginOrigins: [],
    apiVersion: '62.0',
    maxConcurrentRequests: 8,
    clientAppName: 'GRAX Connect',
  },
};

function problems(input: { environment: unknown; myDomain?: unknown; mode: unknown }): string[] {
  try {
    validateConnectForm(config, input);
  } catch (error) {
    return ((error as AppError).fields ?? []).map((f) => f.field);
  }
  return [];
}

describe('validateConnectForm', () => {
  it('builds the login URL from the environment and My Domain', () => {
    expect(validateConnectForm(config, { environment: 'sandbox', mode: 'manual' })).toMatchObject({
      mode: 'manual',
      login: { loginUrl: 'https://test.salesforce.com' },
    });
    expect(
      validateConnectForm(config, {
        environment: 'production',
        myDomain: 'acme.lightning.force.com',
        mode: 'auto_config',
      }).login.loginUrl,
    ).toBe('https://acme.my.salesforce.com');
  });

  it('names every field that is wrong', () => {
    expect(problems({ environment: 'staging', mode: 'other' })).toEqual(['mode', 'environment']);
    expect(problems({ environment: 'production', myDomain: 'https://evil.example.com', mode: 'auto_config' })).toEqual([
      'myDomain',
    ]);
    expect(problems({ environment: 'production', myDomain: ['a', 'b'], mode: 'auto_config' })).toEqual(['myDomain']);
  });
});

describe('purposeFor', () => {
  it('is an update only while a connection works', () => {
    const connection = {
      ...newConnection(),
      id: 'c',
      active: true,
      connectedAt: new Date(),
      updatedAt: new Date(),
      lastError: null,
    };
    expect(purposeFor(null)).toBe('connect');
    expect(purposeFor({ ...connection, state: 'connected' })).toBe('update');
    expect(purposeFor({ ...connection, state: 'reauthorization_required' })).toBe('connect');
    expect(purposeFor({ ...connection, state: 'disconnected' })).toBe('connect');
  });
});

describe('salesforceRefused', () => {
  it('explains blocked apps in both of the answers Salesforce is known to give', () => {
    expect(salesforceRefused('connect', 'OAUTH_APP_BLOCKED', 'this app is blocked by admin').code).toBe(
      'OAUTH_APP_BLOCKED',
    );
    expect(salesforceRefused('connect', 'invalid_client', 'app must be installed into org').code).toBe(
      'OAUTH_APP_BLOCKED',
    );
  });

  it("shows Salesforce's error code, but never an unbounded description", () => {
    const error = salesforceRefused('connect', 'server_error', 'x'.repeat(5000));
    expect(error.message).toContain('server_error');
    expect(error.message.length).toBeLessThan(500);
  });

  it('points SSO users back to the sign-in page', () => {
    expect(salesforceRefused('sso', 'access_denied', '').actions.join(' ')).toContain('Log in with Salesforce again');
  });
});
