/** Request bodies are limited to 64 kB; larger ones get a clear 413 page (or JSON on /api). */
import { Browser } from '@test-support/browser';
import { startTestService } from '@test-support/testService';
import type { TestService } from '@test-support/testService';
import { testRoutes } from './testRoutes';

let service: TestService;
beforeAll(async () => {
  service = await startTestService({ composition: false, routers: (core) => testRoutes(core) });
});
afterAll(() => service.stop());

const oneMegabyte = 'x'.repeat(1024 * 1024);

it('answers a 1 MB form with a 413 page that says what to do', async () => {
  const browser = new Browser(service.url);
  const response = await browser.postForm('/web/test/form', { note: oneMegabyte });
  expect(response.status).toBe(413);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const page = await response.text();
  expect(page).toContain('<title>Request too large · GRAX Connect</title>');
  expect(page).toContain('The request was larger than 64 kB, the most GRAX Connect accepts.');
  expect(page).toContain('Go back, shorten what you entered, and submit again.');
});

it('answers a 1 MB JSON body on the API with a 413 JSON error', async () => {
  const response = await fetch(`${service.url}/api/org/test/fields`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ note: oneMegabyte }),
  });
  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({
    error: {
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request was larger than 64 kB, the most GRAX Connect accepts.',
      actions: ['Go back, shorten what you entered, and submit again.'],
    },
  });
});

it('accepts a form just under the limit', async () => {
  const browser = new Browser(service.url);
  const page = await (await browser.request('/web/test/form')).text();
  const note = 'y'.repeat(60 * 1024);
  const response = await browser.postForm('/web/test/form', { _csrf: Browser.csrfTokenOf(page), note });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { saved: string }).saved).toHaveLength(note.length);
});

it('answers malformed JSON with a 400 that names the problem', async () => {
  const response = await fetch(`${service.url}/api/org/test/fields`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"environment": ',
  });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe('MALFORMED_BODY');
});
