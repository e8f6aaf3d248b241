/** Error rendering (HTML page or JSON), rate limits, health and readiness, escaping, and the access log. */
import { Browser } from '@test-support/browser';
import { startTestService } from '@test-support/testService';
import type { TestService } from '@test-support/testService';
import { testRoutes } from './testRoutes';

let service: TestService;
beforeAll(async () => {
  service = await startTestService({ composition: false, routers: (core) => testRoutes(core) });
});
afterAll(() => service.stop());

describe('errors', () => {
  it('shows an unexpected error as a generic page with a reference, never the message or stack', async () => {
    const response = await fetch(`${service.url}/web/test/boom`);
    expect(response.status).toBe(500);
    const page = await response.text();
    const reference = /reference (err_[A-Za-z0-9_-]{12})/.exec(page)?.[1];
    expect(reference).toBeDefined();
    expect(page).not.toMatch(/hunter2|postgres:|AQ4AQ|at Layer|\.ts:\d+/);
    const log = service.logText();
    expect(log).toContain(`"errorId":"${reference}"`);
    expect(log).toContain('connection to postgres://[REDACTED]@db failed with token 00D[REDACTED]');
    expect(log).not.toContain('hunter2');
  });

  it('logs what a translated error wraps, with secrets removed, and shows the person only the translation', async () => {
    const response = await fetch(`${service.url}/web/test/translated`);
    expect(response.status).toBe(403);
    const page = await response.text();
    expect(page).toContain('read the org limits');
    expect(page).not.toContain('REQUEST_LIMIT_EXCEEDED');
    const line = service
      .logText()
      .split('\n')
      .find((l) => l.includes('"path":"/web/test/translated"') && l.includes('"errorCode":"FORBIDDEN"'));
    expect(line).toContain('REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.');
    expect(line).not.toContain('AQ4AQsecret');
  });

  it('answers unexpected errors on /api with JSON carrying the error id', async () => {
    const response = await fetch(`${service.url}/api/test/boom`);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ code: 'INTERNAL_ERROR', errorId: expect.stringMatching(/^err_/) });
    expect(JSON.stringify(body)).not.toMatch(/hunter2|stack/);
  });

  it('answers unknown API paths with a JSON 404 and unknown pages with an HTML 404', async () => {
    const api = await fetch(`${service.url}/api/org/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await api.json()).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: 'There is nothing at this address.',
        actions: ['Check the address, or start again from the GRAX Connect home page.'],
      },
    });
    const page = await fetch(`${service.url}/web/nothing-here`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('<h1 class="slds-text-heading_large slds-m-bottom_medium">Page not found</h1>');
  });

  it('names invalid fields in JSON errors', async () => {
    const response = await fetch(`${service.url}/api/org/test/fields`, { method: 'POST' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 'INVALID_REQUEST',
        message: 'Choose production or sandbox.',
        actions: ['Correct the highlighted values and submit again.'],
        fields: [{ field: 'environment', message: 'Choose production or sandbox.' }],
      },
    });
  });

  it('rate-limits a login endpoint with a 429 page and Retry-After', async () => {
    const browser = new Browser(service.url);
    const token = Browser.csrfTokenOf(await (await browser.request('/web/test/form')).text());
    for (let i = 0; i < 3; i += 1) {
      expect((await browser.postForm('/web/test/login', { _csrf: token })).status).toBe(401);
    }
    const limited = await browser.postForm('/web/test/login', { _csrf: token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    const page = await limited.text();
    expect(page).toContain('There were too many attempts from your network in a short time.');
    expect(page).toMatch(/Wait \d+ seconds, then try again\./);
  });
});

describe('escaping', () => {
  it('escapes user input in titles and bodies', async () => {
    const name = `<script>alert("x")</script>&'`;
    const page = await (await fetch(`${service.url}/web/test/echo?name=${encodeURIComponent(name)}`)).text();
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('<p id="echo">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>');
    expect(page).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39; · GRAX Connect</title>');
  });
});

describe('health', () => {
  it('reports the process up and the store ready', async () => {
    const health = await fetch(`${service.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(health.headers.getSetCookie()).toEqual([]);
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('redirects the root to the web app', async () => {
    const response = await fetch(`${service.url}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/web');
  });
});

describe('access log', () => {
  it('logs method, path, status and request id, without query strings', async () => {
    const response = await fetch(`${service.url}/web/test/echo?name=x&code=SecretCode&state=SecretState`, {
      headers: { 'x-request-id': 'proxy-request-0001' },
    });
    expect(response.headers.get('x-request-id')).toBe('proxy-request-0001');
    const line = service
      .logText()
      .split('\n')
      .find((l) => l.includes('"requestId":"proxy-request-0001"') && l.includes('"msg":"request"'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ method: 'GET', path: '/web/test/echo', status: 200 });
    expect(service.logText()).not.toMatch(/SecretCode|SecretState/);
  });
});
