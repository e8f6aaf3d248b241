/**
 * The identity service: the identity URL `GET /id/{orgId}/{userId}` and OpenID Connect `GET
 * /services/oauth2/userinfo`. Both take the token from a Bearer header or the `oauth_token` parameter and answer 403
 * `Bad_OAuth_Token` (not 401) for a token that is unknown, expired or revoked. URL values keep a literal `{version}`
 * unless a `version` parameter is given (a version number or `latest`). The identity URL of another user of the same
 * org answers only a token with the `api` or `full` scope of an internal user with API Enabled.
 */
import type { HttpOrg } from '../orgPort';
import type { EmulatorState } from '../emulatorState';
import type { HttpResult, IncomingCall } from '../core/httpTypes';
import { jsonResult, textResult } from '../core/results';
import { toId15, toId18 } from '../../org/ids';
import type { SfRecord } from '../../org/types';
import { isUserActive, userString } from '../userRecord';
import { bearerToken } from '../rest/apiSession';
import { allowsApi, allowsIdentity, isAppInstalled } from './clientApps';
import type { AccessTokenRecord } from './tokenStore';

interface IdentitySession {
  session: AccessTokenRecord;
  org: HttpOrg;
  user: SfRecord;
}

function resolve(state: EmulatorState, call: IncomingCall): IdentitySession | HttpResult {
  const token = bearerToken(call) ?? call.query.get('oauth_token') ?? undefined;
  if (!token) return textResult(403, 'Missing_OAuth_Token');
  const session = state.tokens.useAccessToken(token);
  const org = session ? state.world.findOrgById(session.orgId) : undefined;
  const user = session ? org?.getUser(session.userId) : undefined;
  if (!session || !org || !user || !isUserActive(user)) return textResult(403, 'Bad_OAuth_Token');
  if (!allowsIdentity(session.scopes)) return textResult(403, 'Insufficient_Scope');
  return { session, org, user };
}

function utcOffsetMs(timeZone: string | null, at: Date): number {
  if (!timeZone) return 0;
  try {
    const local = new Date(at.toLocaleString('en-US', { timeZone }));
    const utc = new Date(at.toLocaleString('en-US', { timeZone: 'UTC' }));
    return local.getTime() - utc.getTime();
  } catch {
    return 0;
  }
}

function urlsFor(state: EmulatorState, org: HttpOrg, userId: string, version: string) {
  const base = state.instanceUrlOf(org);
  const org15 = toId15(org.id);
  const data = `${base}/services/data/v${version}`;
  return {
    enterprise: `${base}/services/Soap/c/${version}/${org15}`,
    metadata: `${base}/services/Soap/m/${version}/${org15}`,
    partner: `${base}/services/Soap/u/${version}/${org15}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    tooling_soap: `${base}/services/Soap/T/${version}/${org15}`,
    tooling_rest: `${data}/tooling/`,
    profile: `${base}/${userId}`,
    feeds: `${data}/chatter/feeds`,
    groups: `${data}/chatter/groups`,
    users: `${data}/chatter/users`,
    feed_items: `${data}/chatter/feed-items`,
    feed_elements: `${data}/chatter/feed-elements`,
    custom_domain: base,
  };
}

function personOf(state: EmulatorState, { session, org }: IdentitySession, user: SfRecord, version: string) {
  const now = state.world.clock.now();
  const username = userString(user, 'Username') ?? '';
  const base = state.instanceUrlOf(org);
  const timeZone = userString(user, 'TimeZoneSidKey');
  const app = state.apps.get(session.clientId);
  return {
    username,
    nickname: userString(user, 'CommunityNickname') ?? username.split('@')[0] ?? username,
    displayName: userString(user, 'Name') ?? username,
    email: userString(user, 'Email'),
    firstName: userString(user, 'FirstName'),
    lastName: userString(user, 'LastName'),
    timeZone,
    photos: { picture: `${base}/profilephoto/005/F`, thumbnail: `${base}/profilephoto/005/T` },
    urls: urlsFor(state, org, user.Id, version),
    active: isUserActive(user),
    userType: (userString(user, 'UserType') ?? 'Standard').toUpperCase(),
    language: userString(user, 'LanguageLocaleKey') ?? 'en_US',
    locale: userString(user, 'LocaleSidKey') ?? 'en_US',
    utcOffset: utcOffsetMs(timeZone, now),
    lastModified: userString(user, 'LastModifiedDate') ?? now.toISOString(),
    isAppInstalled: app ? isAppInstalled(app, org) : false,
  };
}

function versionOf(state: EmulatorState, call: IncomingCall): string {
  const version = call.query.get('version');
  if (version === 'latest') return `${state.settings.maxApiVersion}.0`;
  return version && /^\d+\.\d$/.test(version) ? version : '{version}';
}

function isInternal(user: SfRecord): boolean {
  return (userString(user, 'UserType') ?? 'Standard') === 'Standard';
}

/**
 * The user an identity URL names, when the token may read it: its own user, or another user of its org when the token
 * has the `api` or `full` scope and its user is an internal user with API Enabled (User records are readable by
 * every user in the emulator, so the sharing condition always holds).
 */
function queriedUser({ session, org, user }: IdentitySession, orgId: string, userId: string): SfRecord | undefined {
  if (toId18(orgId) !== org.id) return undefined;
  const id = toId18(userId);
  if (id === user.Id) return user;
  const mayReadOthers =
    allowsApi(session.scopes) && isInternal(user) && org.effectiveAccess(user.Id).systemPermissions.has('ApiEnabled');
  return mayReadOthers && id ? org.getUser(id) : undefined;
}

/** GET /id/{orgId}/{userId}: the identity of the token's user. */
export function handleIdentity(state: EmulatorState, call: IncomingCall, orgId: string, userId: string): HttpResult {
  const resolved = resolve(state, call);
  if ('status' in resolved) return resolved;
  const { org } = resolved;
  const user = queriedUser(resolved, orgId, userId);
  if (!user) return textResult(403, 'Bad_Id');
  const p = personOf(state, resolved, user, versionOf(state, call));
  const body = {
    id: state.identityUrlOf(org, user.Id),
    asserted_user: user.Id === resolved.user.Id,
    user_id: user.Id,
    organization_id: org.id,
    username: p.username,
    nick_name: p.nickname,
    display_name: p.displayName,
    email: p.email,
    email_verified: true,
    first_name: p.firstName,
    last_name: p.lastName,
    timezone: p.timeZone,
    photos: p.photos,
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: p.urls,
    active: p.active,
    user_type: p.userType,
    language: p.language,
    locale: p.locale,
    utcOffset: p.utcOffset,
    last_modified_date: p.lastModified,
    is_app_installed: p.isAppInstalled,
  };
  if (call.query.get('format') === 'xml') return xmlIdentity(body);
  return jsonResult(200, body);
}

/** GET /services/oauth2/userinfo: OpenID Connect claims of the token's user. */
export function handleUserInfo(state: EmulatorState, call: IncomingCall): HttpResult {
  const resolved = resolve(state, call);
  if ('status' in resolved) return resolved;
  const { org, user } = resolved;
  const p = personOf(state, resolved, user, versionOf(state, call));
  return jsonResult(200, {
    sub: state.identityUrlOf(org, user.Id),
    user_id: user.Id,
    organization_id: org.id,
    preferred_username: p.username,
    nickname: p.nickname,
    name: p.displayName,
    email: p.email,
    email_verified: true,
    given_name: p.firstName,
    family_name: p.lastName,
    zoneinfo: p.timeZone,
    photos: p.photos,
    profile: p.urls.profile,
    picture: p.photos.picture,
    address: {},
    is_salesforce_integration_user: org.isApiOnlyUser(user.Id),
    urls: p.urls,
    active: p.active,
    user_type: p.userType,
    language: p.language,
    locale: p.locale,
    utcOffset: p.utcOffset,
    updated_at: p.lastModified,
    is_app_installed: p.isAppInstalled,
  });
}

function xmlValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `<${k}>${xmlValue(v)}</${k}>`)
      .join('');
  }
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlIdentity(body: Record<string, unknown>): HttpResult {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><user xmlns="http://www.salesforce.com/identity">${xmlValue(body)}</user>`;
  return { status: 200, headers: { 'Content-Type': 'application/xml;charset=UTF-8' }, body: xml };
}
