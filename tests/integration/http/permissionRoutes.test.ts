/**
 * The permission pages through the real service (middleware, sessions, CSRF) and the emulator: viewers read the
 * checklist, admins run Scan Now / Auto Fix, Preview changes and Download org access; the drift banner and the usage
 * chart are on the page, with no inline script.
 */
import { Router } from 'express';
import type { MountedRouter } from '@service/app';
import { signIn } from '@service/http/sessionMiddleware';
import { permissionRouter } from '@service/http/permissionRoutes';
import type { SessionPrincipal } from '@service/domain/actor';
import { Browser } from '@test-support/browser';
import { startTestService, type TestService } from '@test-support/testService';
import { ACME, runJob, startHarness, TEST_ACTOR, type Harness } from '@test-support/engine/harness';

let h: Harness;
let service: TestService;

function signInRoutes(): MountedRouter {
  const router = Router();
  router.post('/web/test-permissions/sign-in/:role', async (req, res) => {
    const role = req.params.role === 'admin' ? 'admin' : 'viewer';
    const principal: SessionPrincipal = {
      kind: 'local',
      id: `usr_${role}`,
      displayName: `Test ${role}`,
      role,
      orgId: null,
    };
    await signIn(req, res, principal);
    res.redirect(303, '/web/permissions');
  });
  return { path: '/', router };
}

async function signedIn(role: 'admin' | 'viewer'): Promise<Browser> {
  const browser = new Browser(service.url);
  // The sign-in form post needs the anonymous CSRF token: take it from any page (here the not-found page).
  const anonymous = await (await browser.request('/web/test-permissions/no-such-page')).text();
  const token = /name="csrf-token" content="([^"]+)"/.exec(anonymous)?.[1] ?? '';
  const response = await browser.postForm(`/web/test-permissions/sign-in/${role}`, { _csrf: token });
  expect(response.status).toBe(303);
  return browser;
}

beforeAll(async () => {
  h = await startHarness();
  const connection = h.connect('integration');
  service = await startTestService({
    composition: false,
    routers: () => [signInRoutes(), permissionRouter({ engine: h.engine, activeConnection: async () => connection })],
  });
  const started = await h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR });
  await runJob(h, started.jobId);
});
afterAll(async () => {
  await service.stop();
  await h.close();
});

it('sends a visitor to the login page, which brings them back to the checklist', async () => {
  const response = await new Browser(service.url).request('/web/permissions');
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/login?returnTo=%2Fweb%2Fpermissions');
});

it('shows a viewer the checklist, runs and usage chart, without the actions', async () => {
  const viewer = await signedIn('viewer');
  const page = await (await viewer.request('/web/permissions')).text();
  expect(page).toContain('Everything GRAX needs is in place');
  expect(page).toContain('Auto Config finished at');
  expect(page).toContain('<svg role="img"');
  expect(page).toContain('Only GRAX admins can run checks and fixes.');
  expect(page).not.toContain('action="/web/permissions/scan"');
  expect(page).not.toMatch(/<script>|<script [^>]*>[^<]/);
  const token = Browser.csrfTokenOf(page);
  const refused = await viewer.postForm('/web/permissions/scan', { _csrf: token });
  expect(refused.status).toBe(403);
});

it('lets an admin run Scan Now, see drift in a banner, and Auto Fix it', async () => {
  const admin = await signedIn('admin');
  h.emulator.control.addCustomFields(ACME.id, 'Contact', { count: 3 });
  let page = await (await admin.request('/web/permissions')).text();
  const scan = await admin.postForm('/web/permissions/scan', { _csrf: Browser.csrfTokenOf(page) });
  expect(scan.status).toBe(303);
  expect(scan.headers.get('location')).toBe('/web/permissions');
  await h.engine.drain();
  page = await (await admin.request('/web/permissions')).text();
  expect(page).toContain('Permission drift');
  expect(page).toContain('Field: Contact.Emulator_Added_1__c');
  expect(page).toContain('give Emulator_Added_1__c Edit Access');
  const fix = await admin.postForm('/web/permissions/autofix', { _csrf: Browser.csrfTokenOf(page) });
  expect(fix.status).toBe(303);
  await h.engine.drain();
  page = await (await admin.request('/web/permissions')).text();
  expect(page).not.toContain('Permission drift');
  expect(page).toContain('Everything GRAX needs is in place');
});

it('shows Preview changes and serves Download org access to admins', async () => {
  const admin = await signedIn('admin');
  const preview = await (await admin.request('/web/permissions/preview')).text();
  expect(preview).toContain('Auto Config would change nothing: everything is in place.');
  const download = await admin.request('/web/permissions/org-access.zip');
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('application/zip');
  expect(download.headers.get('content-disposition')).toBe('attachment; filename="grax-org-access.zip"');
  const body = Buffer.from(await download.arrayBuffer());
  expect(body.readUInt32LE(0)).toBe(0x04034b50);
});

it('saves the Auto Fix after scan setting (off by default)', async () => {
  const admin = await signedIn('admin');
  const page = await (await admin.request('/web/permissions')).text();
  expect(page).not.toMatch(/id="grax-autofix-after-scan"[^>]*checked/);
  const saved = await admin.postForm('/web/permissions/settings', {
    _csrf: Browser.csrfTokenOf(page),
    autoFixAfterScan: 'on',
  });
  expect(saved.status).toBe(303);
  expect(await h.engine.autoFixAfterScan()).toBe(true);
  const after = await (await admin.request('/web/permissions')).text();
  expect(after).toMatch(/id="grax-autofix-after-scan"[^>]*checked/);
});
