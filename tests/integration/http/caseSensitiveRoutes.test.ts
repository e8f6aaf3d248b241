/**
 * One rule for letter case: every path matches only in the case it is written in. A path in another case is not a
 * route at all but the not-found page, so nothing reaches a route past the middleware that chooses by prefix (the org
 * API's no-cookie, no-CSRF and JSON-error handling under /api/org/). The test walks every route the service mounts.
 */
import { readdirSync } from 'node:fs';
import type { Router } from 'express';
import type { MountedRouter } from '@service/app';
import { healthRouter } from '@service/http/health';
import { ownAssetsDir, staticAssets } from '@service/http/staticAssets';
import { webPaths } from '@service/web/paths';
import type { ConnectionWorld, GraxBrowser } from '@test-support/worlds/connectionWorld';
import { startConnectionWorld, textOf } from '@test-support/worlds/connectionWorld';

interface WalkedRoute {
  method: string;
  path: string;
}

interface RouterLayer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Every route of a router, with its mount path, and `:params` filled in. */
function walk(prefix: string, layers: RouterLayer[]): WalkedRoute[] {
  const join = (a: string, b: string) => `${a.replace(/\/$/, '')}/${b.replace(/^\//, '')}`.replace(/\/$/, '') || '/';
  return layers.flatMap((layer) => {
    if (layer.route) {
      const paths = [layer.route.path].flat().filter((p): p is string => typeof p === 'string');
      const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all');
      return paths.flatMap((p) => methods.map((method) => ({ method, path: join(prefix, p) })));
    }
    const nested = layer.handle?.stack;
    return nested && typeof layer.rawPath === 'string' ? walk(join(prefix, layer.rawPath), nested) : [];
  });
}

function routesOf(mounted: MountedRouter[]): WalkedRoute[] {
  return mounted.flatMap(({ path, router }) =>
    walk(path, ((router as Partial<Router>).stack ?? []) as unknown as RouterLayer[]),
  );
}

/** The path with every letter in the other case, and sample values for its parameters. */
function otherCase(path: string): string {
  const sample = path.replace(/:[A-Za-z]+/g, 'x1');
  return [...sample].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
}

let world: ConnectionWorld;
let browser: GraxBrowser;
beforeAll(async () => {
  world = await startConnectionWorld();
  browser = world.browser();
  await browser.signIn();
});
afterAll(() => world.stop());

it('answers not-found for every mounted route asked for in another letter case', async () => {
  const routes = [
    ...routesOf(world.features.routers),
    ...routesOf([healthRouter(async () => undefined, world.service.logger)]),
    { method: 'get', path: '/' },
  ];
  expect(routes.length).toBeGreaterThan(40);
  expect(routes).toContainEqual({ method: 'get', path: '/api/org/v1/status' });
  const csrf = await browser.csrf();
  const routed: string[] = [];
  for (const route of routes) {
    const path = otherCase(route.path);
    if (path === route.path) continue;
    const answer =
      route.method === 'get'
        ? await browser.get(path)
        : await browser.request(path, {
            method: route.method.toUpperCase(),
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf },
            body: new URLSearchParams({ _csrf: csrf }).toString(),
          });
    if (answer.status !== 404 || !textOf(answer.html).includes('There is nothing at this address.')) {
      routed.push(`${route.method.toUpperCase()} ${path} -> ${answer.status}`);
    }
  }
  expect(routed).toEqual([]);
});

it('does not serve the static assets under another letter case', async () => {
  const file = readdirSync(ownAssetsDir).find((name) => /\.(css|js)$/.test(name));
  expect(file).toBeDefined();
  expect((await browser.get(`${webPaths.assets}/${file}`)).status).toBe(200);
  expect((await browser.get(`${otherCase(webPaths.assets)}/${file}`)).status).toBe(404);
  expect(routesOf([{ path: '/', router: staticAssets() }])).toEqual([]);
});

it('never lets /API/ORG/ reach the org API: no route, so no answer that looks like the API', async () => {
  const response = await fetch(`${world.service.url}/API/ORG/V1/STATUS`, {
    headers: { authorization: 'Bearer gxk_x_y', 'x-salesforce-org-id': '00D000000000001AAA' },
  });
  expect(response.status).toBe(404);
  expect(await response.text()).toContain('There is nothing at this address.');
});
