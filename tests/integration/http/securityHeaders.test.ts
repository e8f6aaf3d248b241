/** Security headers: the exact CSP, no framing, no referrer, no caching of pages; HSTS and upgrades behind https. */
import type { TestService } from '@test-support/testService';
import { startTestService } from '@test-support/testService';
import { testRoutes } from './testRoutes';

describe('security headers on http://localhost (demo defaults)', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ composition: false, routers: (core) => testRoutes(core) });
  });
  afterAll(() => service.stop());

  it('sends the strict Content Security Policy, exactly', async () => {
    const response = await fetch(`${service.url}/web/test/form`);
    expect(response.headers.get('content-security-policy')).toBe(
      [
        "default-src 'self'",
        "script-src 'self'",
        "script-src-attr 'none'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self' https://login.salesforce.com https://test.salesforce.com https://*.my.salesforce.com https://*.my.salesforce.mil",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
      ].join(';'),
    );
  });

  it('forbids framing and referrers and never caches pages', async () => {
    const response = await fetch(`${service.url}/web/test/form`);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('serves SLDS and our own assets locally with caching', async () => {
    const slds = await fetch(`${service.url}/web/assets/slds/styles/salesforce-lightning-design-system.min.css`);
    expect(slds.status).toBe(200);
    expect(slds.headers.get('content-type')).toMatch(/^text\/css/);
    expect(slds.headers.get('cache-control')).toBe('public, max-age=604800');
    const icons = await fetch(`${service.url}/web/assets/slds/icons/utility-sprite/svg/symbols.svg`);
    expect(icons.status).toBe(200);
    const script = await fetch(`${service.url}/web/assets/app.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('data-error-summary');
    expect((await fetch(`${service.url}/web/assets/app.css`)).status).toBe(200);
    expect((await fetch(`${service.url}/web/assets/../../package.json`)).status).toBe(404);
  });

  it('renders pages with no inline script or style, as the CSP requires', async () => {
    const page = await (await fetch(`${service.url}/web/test/form`)).text();
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page).not.toMatch(/\sstyle=/);
    expect(page).not.toMatch(/<style/);
    expect(page).not.toMatch(/\son[a-z]+=/);
  });
});

describe('security headers behind https with test login hosts', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({
      composition: false,
      env: {
        PUBLIC_URL: 'https://grax.example.com',
        SF_EXTRA_LOGIN_HOSTS: 'http://127.0.0.1:3001,http://127.0.0.1:3002',
        SF_PRODUCTION_LOGIN_URL: 'http://127.0.0.1:3001',
        SF_SANDBOX_LOGIN_URL: 'http://127.0.0.1:3002',
      },
      routers: (core) => testRoutes(core),
    });
  });
  afterAll(() => service.stop());

  it('allows form posts to the configured login hosts and upgrades insecure requests', async () => {
    const response = await fetch(`${service.url}/web/test/form`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(
      "form-action 'self' http://127.0.0.1:3001 http://127.0.0.1:3002 https://*.my.salesforce.com https://*.my.salesforce.mil;",
    );
    expect(csp.endsWith(';upgrade-insecure-requests')).toBe(true);
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('sets Secure __Host- cookies', async () => {
    const response = await fetch(`${service.url}/web/test/form`);
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(
      /^__Host-grax_browser=[A-Za-z0-9_-]{32}; Max-Age=7200; Path=\/; Expires=.*; HttpOnly; Secure; SameSite=Lax$/,
    );
  });
});
