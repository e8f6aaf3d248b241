/**
 * The world the sign-in tests run in: the connection tests' world (org emulator + the real composed service), with
 * Acme Production connected through the real connect flow as the integration user. `AuthBrowser` adds what a person
 * does on the sign-in pages: Log in with Salesforce through the emulator's login form, the local password and code
 * steps, and reading who the page header says is signed in. Local users can be seeded straight into the store.
 */
import { hashPassword } from '@service/auth/passwordHash';
import { newTotpSecret, totpCodeAt } from '@service/auth/totp';
import type { SalesforceClient } from '@service/salesforce/apiClient';
import type { Role } from '@service/domain/actor';
import type { Connection } from '@service/domain/connection';
import type { LocalUser } from '@service/domain/localUser';
import { DEMO_USERS } from '@grax-connect/org-emulator';
import { GraxBrowser, textOf, type Fetched } from '@test-support/browser';
import type { ConnectionWorld, WorldOptions } from '@test-support/worlds/connectionWorld';
import { startConnectionWorld } from '@test-support/worlds/connectionWorld';

export { textOf };
export type { Fetched };

/** A demo Salesforce user. */
export interface SalesforceUser {
  username: string;
  password: string;
}

/** The emulator and the service, with Acme Production connected. */
export interface AuthWorld extends ConnectionWorld {
  connection: Connection;
  /** An API client acting as the integration user (to set up permission sets in the org). */
  integrationClient(): SalesforceClient;
  /** A browser that knows the sign-in pages. */
  authBrowser(): AuthBrowser;
  /** A local user written straight into the store; `enrolled` gives it a TOTP secret already confirmed. */
  seedLocalUser(input: {
    username: string;
    password?: string;
    role?: Role;
    enrolled?: boolean;
    expiresAt?: Date | null;
  }): Promise<LocalUser>;
  /** The code an authenticator app shows now (by the service's clock). */
  codeFor(user: Pick<LocalUser, 'totpSecret'> | string): string;
  /** Audit events with this action, newest first. */
  auditOf(action: string): Promise<Awaited<ReturnType<ConnectionWorld['service']['store']['audit']['list']>>>;
}

export const PASSWORD = 'correct horse battery staple';

/** Starts the world and connects Acme Production (Skip Auto Config: nothing runs in the background). */
export async function startAuthWorld(options: WorldOptions = {}): Promise<AuthWorld> {
  const world = await startConnectionWorld(options);
  const answer = await world
    .browser()
    .connect({ setupToken: world.setupToken, mode: 'manual' }, DEMO_USERS.acmeProduction.integration);
  if (answer.status !== 303) throw new Error(`connecting failed (HTTP ${answer.status}): ${textOf(answer.html)}`);
  const connection = await world.service.store.connections.getActive();
  if (!connection) throw new Error('no active connection after connecting');
  const store = world.service.store;
  return {
    ...world,
    connection,
    integrationClient: () => world.features.flows.connections.client(connection),
    authBrowser: () => new AuthBrowser(world.service.url, world.browser().publicUrl),
    async seedLocalUser(input) {
      const secret = input.enrolled ? newTotpSecret() : null;
      return store.localUsers.create({
        username: input.username,
        displayName: `${input.username} (local)`,
        role: input.role ?? 'admin',
        passwordHash: await hashPassword(input.password ?? PASSWORD),
        totpSecret: secret,
        totpEnabled: secret !== null,
        expiresAt: input.expiresAt ?? null,
      });
    },
    codeFor(user) {
      const secret = typeof user === 'string' ? user : user.totpSecret;
      if (!secret) throw new Error('this user has no TOTP secret');
      return totpCodeAt(secret, world.clock.now());
    },
    auditOf: (action) => store.audit.list({ action, limit: 200 }),
  };
}

/** Who the page header says is signed in, or null. */
export interface HeaderUser {
  name: string;
  role: 'Admin' | 'Viewer';
}

/** A browser that signs in the way people do. */
export class AuthBrowser extends GraxBrowser {
  /** The CSRF token of this browser: from the login page before sign-in, from the audit page after. */
  async token(): Promise<string> {
    const signedIn = await this.get('/web/audit');
    return this.csrf(signedIn.status === 200 ? '/web/audit' : '/login');
  }

  /** Posts a form with this browser's current CSRF token. */
  submit(pathname: string, fields: Record<string, string>): Promise<Fetched> {
    return this.token().then((csrf) => this.post(pathname, fields, { csrf }));
  }

  /** The current session cookie value (undefined when signed out). */
  get sessionId(): string | undefined {
    return this.cookies.get('grax_session');
  }

  /** Log in with Salesforce: the button, the emulator's login form, the callback. Returns the callback's answer. */
  async ssoLogin(user: SalesforceUser, options: { returnTo?: string; loginHost?: string } = {}): Promise<Fetched> {
    const authorize = await this.startSso(options.returnTo);
    const url = new URL(authorize);
    if (options.loginHost) {
      const other = new URL(options.loginHost);
      url.protocol = other.protocol;
      url.host = other.host;
    }
    return this.finishAtSalesforce(url.toString(), user);
  }

  /** Presses Log in with Salesforce; returns the Salesforce authorize URL. */
  async startSso(returnTo?: string): Promise<string> {
    const started = await this.submit('/login/sso', returnTo ? { returnTo } : {});
    if (started.status !== 303 || !started.location) {
      throw new Error(`Log in with Salesforce refused (HTTP ${started.status}): ${textOf(started.html)}`);
    }
    return started.location;
  }

  /** Logs in on the emulator's form and follows the redirect back to the service's callback. */
  async finishAtSalesforce(authorizeUrl: string, user: SalesforceUser): Promise<Fetched> {
    const answer = await this.salesforceRedirect(authorizeUrl, user);
    return this.request(answer);
  }

  /** Logs in on the emulator's form; returns the callback URL Salesforce redirects to (not yet followed). */
  async salesforceRedirect(authorizeUrl: string, user: SalesforceUser): Promise<string> {
    const answer = await this.loginAtSalesforce(authorizeUrl, user.username, user.password);
    if (answer.status !== 302 || !answer.location?.startsWith(this.publicUrl)) {
      throw new Error(`Salesforce did not redirect back (HTTP ${answer.status}): ${textOf(answer.html)}`);
    }
    return answer.location;
  }

  /** The password step of Log in with credentials. */
  passwordStep(username: string, password: string, returnTo?: string): Promise<Fetched> {
    return this.submit('/login/local', { username, password, ...(returnTo ? { returnTo } : {}) });
  }

  /** The code step, with the challenge from the page the password step returned. */
  codeStep(page: Fetched, code: string): Promise<Fetched> {
    const challenge = /name="challenge" value="([^"]+)"/.exec(page.html)?.[1];
    if (!challenge) throw new Error(`no code step on this page (HTTP ${page.status}): ${textOf(page.html)}`);
    const returnTo = /name="returnTo" value="([^"]+)"/.exec(page.html)?.[1];
    return this.submit('/login/code', {
      challenge: decodeEntities(challenge),
      code,
      ...(returnTo ? { returnTo } : {}),
    });
  }

  /** Both steps of Log in with credentials; `code` is asked for after the password step (the clock may move). */
  async localLogin(username: string, password: string, code: () => string): Promise<Fetched> {
    const step = await this.passwordStep(username, password);
    if (step.status !== 200) throw new Error(`password step refused (HTTP ${step.status}): ${textOf(step.html)}`);
    return this.codeStep(step, code());
  }

  /** Who the header of a signed-in page shows, or null when the page sends the browser to the login page. */
  async whoAmI(): Promise<HeaderUser | null> {
    const page = await this.get('/web/audit');
    if (page.status !== 200) return null;
    const match =
      /<div class="grax-account[^"]*">\s*<span[^>]*>\s*([^<]+?)\s*<span class="slds-badge[^"]*">(Admin|Viewer)<\/span>/.exec(
        page.html,
      );
    if (!match?.[1] || !match[2]) throw new Error('signed-in page without a user in the header');
    return { name: decodeEntities(match[1]), role: match[2] as HeaderUser['role'] };
  }
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Finds a Salesforce user's id through the integration user's API client. */
export async function userIdOf(client: SalesforceClient, username: string): Promise<string> {
  const result = await client.query<{ Id: string }>(`SELECT Id FROM User WHERE Username = '${username}'`);
  const id = result.records[0]?.Id;
  if (!id) throw new Error(`no user ${username}`);
  return id;
}

/** Creates a permission set in the org and assigns it to a user (as a Salesforce admin would in Setup). */
export async function assignNewPermissionSet(
  client: SalesforceClient,
  name: string,
  username: string,
): Promise<string> {
  const setId = await client.createRecord('PermissionSet', { Name: name, Label: name.replace(/_/g, ' ') });
  await client.createRecord('PermissionSetAssignment', {
    AssigneeId: await userIdOf(client, username),
    PermissionSetId: setId,
  });
  return setId;
}

/** Assigns an existing permission set (by API name) to a user; returns the assignment's id. */
export async function assignPermissionSet(client: SalesforceClient, name: string, username: string): Promise<string> {
  const sets = await client.query<{ Id: string }>(`SELECT Id FROM PermissionSet WHERE Name = '${name}'`);
  const setId = sets.records[0]?.Id;
  if (!setId) throw new Error(`no permission set ${name}`);
  return client.createRecord('PermissionSetAssignment', {
    AssigneeId: await userIdOf(client, username),
    PermissionSetId: setId,
  });
}

/** The authenticator key shown on the first-login page (spaces removed). */
export function enrolmentSecretOf(page: Fetched): string {
  const grouped = /<code class="grax-totp-secret">([A-Z2-7 ]+)<\/code>/.exec(page.html)?.[1];
  if (!grouped) throw new Error(`no authenticator key on this page (HTTP ${page.status}): ${textOf(page.html)}`);
  return grouped.replace(/ /g, '');
}
