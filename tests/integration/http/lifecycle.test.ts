/** The service's life: readiness follows the store, and shutdown lets requests in flight finish. */
import { connect } from 'node:net';
import { startTestService } from '@test-support/testService';
import { Gate, testRoutes } from './testRoutes';

it('finishes a request in flight on shutdown, refuses new connections, and closes the store', async () => {
  const gate = new Gate();
  const service = await startTestService({ composition: false, routers: (core) => testRoutes(core, gate) });
  const inFlight = fetch(`${service.url}/web/test/slow`);
  await new Promise((resolve) => setTimeout(resolve, 100));

  const stopped = service.stop();
  await new Promise((resolve) => setTimeout(resolve, 100));
  await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();

  gate.open();
  const response = await inFlight;
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('finished');
  await stopped;
  await expect(service.store.ping()).rejects.toThrow();
  expect(service.logText()).toContain('"msg":"stopped"');
});

it('stops at once when browsers only hold connections open without a request in them', async () => {
  const service = await startTestService({ composition: false });
  // Browsers open spare connections ahead of need (preconnect) and keep used ones alive: neither is a request.
  const spare = connect(service.port, '127.0.0.1');
  await new Promise((resolve) => spare.once('connect', resolve));
  const spareClosed = new Promise((resolve) => spare.once('close', resolve));
  expect((await fetch(`${service.url}/healthz`)).status).toBe(200);

  const started = Date.now();
  await service.stop();
  expect(Date.now() - started).toBeLessThan(2000);
  await spareClosed;
  expect(service.logText()).not.toContain('requests still running');
  expect(service.logText()).toContain('"msg":"stopped"');
});

it('reports not ready when the store does not answer', async () => {
  const service = await startTestService({ composition: false });
  await service.store.close();
  const ready = await fetch(`${service.url}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({ status: 'unavailable', reason: 'The database did not answer.' });
  expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  await service.stop().catch(() => undefined);
});
