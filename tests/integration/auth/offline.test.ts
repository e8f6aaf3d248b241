/** Break-glass: local users sign in and manage users while Salesforce cannot be reached at all. */
import type { AuthWorld } from '@test-support/worlds/authWorld';
import { PASSWORD, startAuthWorld, textOf } from '@test-support/worlds/authWorld';

let world: AuthWorld;
beforeAll(async () => {
  world = await startAuthWorld();
});
afterAll(() => world.stop());

it('logs a local admin in and shows Settings > Users while the org emulator is stopped', async () => {
  const user = await world.seedLocalUser({ username: 'break.glass', enrolled: true });
  await world.emulator.close();
  const browser = world.authBrowser();
  const login = await browser.get('/login');
  expect(login.status).toBe(200);
  const answer = await browser.localLogin('break.glass', PASSWORD, () => world.codeFor(user));
  expect(answer).toMatchObject({ status: 303, location: '/web' });
  expect(await browser.whoAmI()).toEqual({ name: 'break.glass (local)', role: 'Admin' });
  const users = await browser.get('/web/settings/users');
  expect(users.status).toBe(200);
  expect(textOf(users.html)).toContain('break.glass');
  const audit = await browser.get('/web/audit');
  expect(textOf(audit.html)).toContain('Logged in with credentials');
});
