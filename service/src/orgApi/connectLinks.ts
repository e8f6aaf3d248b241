/**
 * Connect links: one-time URLs the GRAX Setup page opens in a new tab to connect GRAX to its org. A link is bound to
 * the calling org (the OAuth callback refuses any other), lives 10 minutes, works once, and dies with the link key it
 * was issued to (so Reset GRAX, which revokes every key, also ends every outstanding link).
 */
import type { Clock } from '../clock';
import { AppError, type ErrorKind } from '../errors';
import type { Store } from '../store/types';
import type { Actor } from '../domain/actor';
import type { ConnectionMode, Environment } from '../domain/connection';
import type { LinkKey } from '../domain/orgLink';
import { connectionOfOrg } from './connectionOfOrg';
import type { ConnectLinkClaims } from './connectLinkToken';
import { createConnectLinkToken, readConnectLinkToken } from './connectLinkToken';
import { alreadyConnected, connectedToOtherOrg } from './errors';
import type { LinkKeyService } from './linkKeys';
import type { ConnectFlow } from './ports';
import { ORG_LINK_AUDIT } from '../domain/audit';

/** How long a connect link can be used. */
export const CONNECT_LINK_TTL_MS = 10 * 60_000;

/** The browser path of the page behind a link; the token goes in the query string, which the access log drops. */
export const CONNECT_LINK_PATH = '/web/connect-link';

/** What the page behind a valid link shows. */
export interface ConnectLinkView extends ConnectLinkClaims {
  orgName: string | null;
}

/** Why a link cannot be used, each with its own page. */
export type ConnectLinkProblem = 'unknown' | 'expired' | 'used' | 'revoked';

const PROBLEMS: Record<ConnectLinkProblem, { kind: ErrorKind; title: string; message: string }> = {
  unknown: {
    kind: 'not_found',
    title: 'Connect link not recognised',
    message:
      'This connect link is not one GRAX issued, or it was cut short when it was copied (or the service was re-keyed since).',
  },
  expired: {
    kind: 'gone',
    title: 'Connect link expired',
    message: 'This connect link has expired: connect links work for 10 minutes after GRAX Setup asks for them.',
  },
  used: {
    kind: 'gone',
    title: 'Connect link already used',
    message: 'This connect link was already used. Each connect link starts one connection only.',
  },
  revoked: {
    kind: 'gone',
    title: 'Connect link no longer valid',
    message: 'The link key this connect link was issued to has been revoked (for example by Reset GRAX).',
  },
};

/** The page for a link that cannot be used. */
export function connectLinkProblem(problem: ConnectLinkProblem): AppError {
  const { kind, title, message } = PROBLEMS[problem];
  return new AppError({
    code: `CONNECT_LINK_${problem.toUpperCase()}`,
    kind,
    title,
    message,
    actions: [
      problem === 'revoked'
        ? 'Link the org again (Settings > Org link in GRAX, then Link this org to GRAX in GRAX Setup), then select Connect again.'
        : 'Go back to GRAX Setup in Salesforce and select Connect with Auto Config or Skip Auto Config again to get a new link.',
    ],
  });
}

/** Issuing, showing and using connect links. */
export class ConnectLinkService {
  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      publicUrl: string;
      signingKey: Buffer;
      linkKeys: LinkKeyService;
      connectFlow: ConnectFlow;
    },
  ) {}

  /** `POST /connect-link`: a URL bound to the key's org; refused while GRAX already works with an org. */
  async issue(
    key: LinkKey,
    input: { environment: Environment; mode: ConnectionMode },
  ): Promise<{ url: string; expiresAt: string }> {
    const { store, clock } = this.deps;
    const org = await connectionOfOrg(() => store.connections.getActive(), key.orgId);
    if (org.relation === 'other_org') throw connectedToOtherOrg(org.connection.state);
    if (org.relation === 'this_org' && org.connection.state === 'connected') throw alreadyConnected();

    const expiresAt = new Date(clock.now().getTime() + CONNECT_LINK_TTL_MS);
    const claims: ConnectLinkClaims = { orgId: key.orgId, ...input, keyId: key.keyId, expiresAt };
    const token = createConnectLinkToken(this.deps.signingKey, claims);
    await store.connectLinks.create({ token, orgId: key.orgId, ...input, expiresAt });
    await store.audit.append({
      actor: orgActor(key),
      action: ORG_LINK_AUDIT.connectLinkCreated,
      target: key.keyId,
      orgId: key.orgId,
      details: { environment: input.environment, mode: input.mode, expiresAt: expiresAt.toISOString() },
    });
    const url = `${this.deps.publicUrl}${CONNECT_LINK_PATH}?${new URLSearchParams({ link: token }).toString()}`;
    return { url, expiresAt: expiresAt.toISOString() };
  }

  /** What the page behind a link shows; throws the link's problem page when it cannot be used. */
  async describe(token: string): Promise<ConnectLinkView> {
    const claims = readConnectLinkToken(this.deps.signingKey, token);
    if (!claims) throw connectLinkProblem('unknown');
    if (claims.expiresAt.getTime() <= this.deps.clock.now().getTime()) throw connectLinkProblem('expired');
    if (!(await this.deps.linkKeys.isUsable(claims.keyId))) throw connectLinkProblem('revoked');
    const seen = await this.deps.store.orgsSeen.get(claims.orgId);
    return { ...claims, orgName: seen?.name ?? null };
  }

  /** Consumes a link (once) and starts OAuth bound to its org; returns where to send the browser. */
  async use(token: string, browserId: string): Promise<{ redirectUrl: string }> {
    const view = await this.describe(token);
    const consumed = await this.deps.store.connectLinks.consume(token);
    if (!consumed.ok) throw connectLinkProblem(consumed.reason === 'browser_mismatch' ? 'unknown' : consumed.reason);
    const actor = orgActor({ keyId: view.keyId, orgId: view.orgId });
    await this.deps.store.audit.append({
      actor,
      action: ORG_LINK_AUDIT.connectLinkUsed,
      target: view.keyId,
      orgId: view.orgId,
      details: { environment: view.environment, mode: view.mode },
    });
    return this.deps.connectFlow.startConnect({
      environment: view.environment,
      mode: view.mode,
      expectedOrgId: view.orgId,
      browserId,
      actor,
    });
  }
}

/** How the org API appears in the audit log: the org, through one of its keys (never the key itself). */
export function orgActor(key: Pick<LinkKey, 'keyId' | 'orgId'>): Actor {
  return { kind: 'org', id: key.keyId, name: `GRAX Setup in org ${key.orgId}` };
}
