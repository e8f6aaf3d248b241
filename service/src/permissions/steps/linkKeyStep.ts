/**
 * Step 4 of Auto Config: the org link key in the packaged External Credential GRAX_Service (principal `Link`), through
 * the Connect REST credential resource, so the in-org GRAX Setup page can call the service at once. Written only when
 * the org has no key stored or a rotation is pending, so a repeat run writes nothing. The key itself comes from the
 * caller (`LinkKeyProvider`): the service stores only hashes and cannot re-send a key it issued earlier.
 */
import { SalesforceApiError } from '../../salesforce/apiClient';
import { describeFailure } from '../run/adminErrors';
import type { RunContext } from '../run/context';

/** Supplies the key to store in the org, or null when there is nothing to write. */
export interface LinkKeyProvider {
  keyToStore(input: { orgId: string; storedInOrg: boolean }): Promise<{ key: string; confirm(): Promise<void> } | null>;
}

/** What the step did. */
export type LinkKeyOutcome = 'written' | 'unchanged' | 'packageAbsent' | 'failed' | 'notRequested';

const CREDENTIAL = {
  externalCredential: 'GRAX_Service',
  principalName: 'Link',
  principalType: 'NamedPrincipal',
} as const;

/** Reads whether a key is stored; undefined when the package's External Credential does not exist in the org. */
async function storedInOrg(ctx: RunContext): Promise<boolean | undefined> {
  try {
    const body = await ctx.client.get<{ authenticationStatus?: string }>('/named-credentials/credential', {
      ...CREDENTIAL,
    });
    return body.authenticationStatus === 'Configured';
  } catch (error) {
    if (error instanceof SalesforceApiError && (error.status === 404 || error.errorCode === 'NOT_FOUND'))
      return undefined;
    throw error;
  }
}

/** Stores the link key when none is stored or a rotation is pending. */
export async function applyLinkKey(ctx: RunContext, provider: LinkKeyProvider | undefined): Promise<LinkKeyOutcome> {
  if (!provider) return 'notRequested';
  let stored: boolean | undefined;
  try {
    stored = await storedInOrg(ctx);
  } catch (error) {
    if (!(error instanceof SalesforceApiError)) throw error;
    ctx.failures.push(describeFailure('Org link key', 'linkKey', error.errorCode, error.message));
    return 'failed';
  }
  if (stored === undefined) return 'packageAbsent';
  const next = await provider.keyToStore({ orgId: ctx.connection.orgId, storedInOrg: stored });
  if (!next) return 'unchanged';
  try {
    await ctx.client.send({
      method: stored ? 'PUT' : 'POST',
      path: '/named-credentials/credential',
      json: {
        ...CREDENTIAL,
        authenticationProtocol: 'Custom',
        credentials: { LinkKey: { value: next.key, encrypted: true } },
      },
    });
  } catch (error) {
    if (!(error instanceof SalesforceApiError)) throw error;
    ctx.failures.push(describeFailure('Org link key', 'linkKey', error.errorCode, error.message));
    return 'failed';
  }
  await next.confirm();
  return 'written';
}
