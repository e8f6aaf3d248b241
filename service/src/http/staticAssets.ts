/**
 * Static files: SLDS (from the @salesforce-ux/design-system package, served locally, never from a CDN) under
 * /web/assets/slds/, and our own small CSS/JS from service/src/web/static under /web/assets/.
 */
import path from 'node:path';
import express from 'express';
import type { Router } from './router';
import { caseSensitiveRouter } from './router';
import { webPaths } from '../web/paths';

/** The SLDS assets folder (styles, icons, images). */
export function sldsAssetsDir(): string {
  return path.join(path.dirname(require.resolve('@salesforce-ux/design-system/package.json')), 'assets');
}

/** Our own static files. */
export const ownAssetsDir = path.join(__dirname, '..', 'web', 'static');

export function staticAssets(): Router {
  const options = { index: false, redirect: false, dotfiles: 'ignore' as const, fallthrough: true };
  const router = caseSensitiveRouter();
  router.use(webPaths.sldsAssets, express.static(sldsAssetsDir(), { ...options, maxAge: '7d' }));
  router.use(webPaths.assets, express.static(ownAssetsDir, { ...options, maxAge: '1h' }));
  return router;
}
