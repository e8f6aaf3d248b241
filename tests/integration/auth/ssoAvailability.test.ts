/**
 * When Log in with Salesforce cannot work: GRAX never connected, or its connection needs reauthorization. The login
 * page says so (local users can still sign in) and the button's endpoint refuses with a page.
 */
import type { ConnectionWorld } from '@test-support/worlds/connectionWorld';
import { startConnectionWorld } from '@test-support/worlds/connectionWorld';
import type { AuthWorld } from '@test-support/worlds/authWorld';
import { AuthBrowser, startAuthWorld, textOf } from '@test-support/worlds/authWorld';

describe('before GRAX is connected', () => {
  let world: ConnectionWorld;
  beforeAll(async () => {
    world = await startConnectionWorld();
  });
  afterAll(() => world.stop());

  it('explains instead of offering Log in with Salesforce, and refuses to start it', async () => {
    const browser = new AuthBrowser(world.service.url, world.browser().publicUrl);
    const page = await browser.get('/login');
    const text = textOf(page.html);
    expect(text).toContain('GRAX is not connected to Salesforce. Local users can still sign in.');
    expect(page.html).not.toContain('action="/login/sso"');
    expect(text).toContain('Log in with credentials');
    const forced = await browser.submit('/login/sso', {});
    expect(forced.status).toBe(409);
    expect(textOf(forced.html)).toContain('Log in with Salesforce is not available');
  });
});

describe('when the connection needs reauthorization', () => {
  let world: AuthWorld;
  beforeAll(async () => {
    world = await startAuthWorld();
  });
  afterAll(() => world.stop());

  it('greets the admin who just connected, then says who can reconnect when the connection breaks', async () => {
    const browser = world.authBrowser();
    const connected = textOf((await browser.get('/login?connected=1')).html);
    expect(connected).toContain(
      'GRAX is connected to Salesforce. Log in to follow Auto Config or Verify on the home page.',
    );

    await world.service.store.connections.update(world.connection.id, { state: 'reauthorization_required' });
    // Nobody can sign in and reconnect: the page says what to ask the operator of the server to run.
    const noAdmin = textOf((await browser.get('/login')).html);
    expect(noAdmin).toContain('GRAX needs to be reconnected, so Log in with Salesforce is unavailable.');
    expect(noAdmin).not.toContain('A local admin can sign in');
    expect(noAdmin).toContain('Ask the operator of the GRAX Connect server to run npm run setup-token');

    await world.service.store.localUsers.create({
      username: 'breakglass',
      displayName: 'Break Glass',
      role: 'admin',
      passwordHash: 'not-used-here',
    });
    const page = textOf((await browser.get('/login')).html);
    expect(page).toContain(
      'GRAX needs to be reconnected, so Log in with Salesforce is unavailable. A local admin can sign in with credentials and reconnect.',
    );
    expect(page).not.toContain('npm run setup-token');
    expect((await browser.submit('/login/sso', {})).status).toBe(409);
  });
});
