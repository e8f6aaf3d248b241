/**
 * Behind a TLS-terminating proxy, as docs/operations.md describes: PUBLIC_URL is https, the proxy forwards
 * X-Forwarded-For and X-Forwarded-Proto. The browser gets Secure `__Host-` cookies and HSTS; with TRUST_PROXY=1 the
 * sign-in rate limit counts each client on its own, and with TRUST_PROXY off a forged X-Forwarded-For changes nothing.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraxBrowser } from '@test-support/browser';
import { startTestService, type TestService } from '@test-support/testService';

/** A proxy on loopback that sends every request to `target` as a TLS terminator would, for the client it is told. */
async function startProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const client = String(req.headers['x-test-client'] ?? '192.0.2.1');
    const { 'x-test-client': _chosen, ...received } = req.headers;
    const headers = { ...received, 'x-forwarded-for': client, 'x-forwarded-proto': 'https' };
    const forward = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A browser that reaches the service through the proxy as the given client address. */
function clientAt(proxyUrl: string, address: string) {
  const browser = new GraxBrowser(proxyUrl, 'https://grax.example.test');
  const failedSignIn = async () => {
    const csrf = await browser.csrf('/login');
    return browser.request('/login/local', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-client': address },
      body: new URLSearchParams({ _csrf: csrf, username: 'nobody', password: 'not the password' }).toString(),
    });
  };
  return { browser, failedSignIn };
}

describe.each([
  { trustProxy: '1', secondClientLimited: false },
  { trustProxy: 'off', secondClientLimited: true },
])('TRUST_PROXY=$trustProxy', ({ trustProxy, secondClientLimited }) => {
  let service: TestService;
  let proxy: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    service = await startTestService({
      name: 'proxy',
      env: { PUBLIC_URL: 'https://grax.example.test', TRUST_PROXY: trustProxy },
    });
    proxy = await startProxy(service.url);
  });
  afterAll(async () => {
    await proxy.close();
    await service.stop();
  });

  it('sets Secure __Host- cookies and HSTS for the https public address', async () => {
    const response = await fetch(`${proxy.url}/login`);
    expect(response.status).toBe(200);
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const cookies = response.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/^__Host-[^;]+;.*Secure/i);
  });

  it(`limits sign-in attempts per ${trustProxy === 'off' ? 'connection, ignoring X-Forwarded-For' : 'forwarded client'}`, async () => {
    const first = clientAt(proxy.url, '203.0.113.7');
    for (let attempt = 1; attempt <= 10; attempt++) expect((await first.failedSignIn()).status).toBe(401);
    expect((await first.failedSignIn()).status).toBe(429);
    const second = clientAt(proxy.url, '198.51.100.9');
    expect((await second.failedSignIn()).status).toBe(secondClientLimited ? 429 : 401);
  });
});
