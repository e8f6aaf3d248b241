// Renders the GRAX Setup preview in Debian Chromium in two states that need no GRAX service, "service address not
// set" and "service not reachable", checks what the page says, and saves screenshots to test-artifacts/.
// Run: npx tsx tests/lwc-preview/smoke.ts
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startChromium } from '../e2e/support/chromiumProfile';
import { renderPreview, type PreviewOptions } from './renderPreview';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');
const LINK_KEY = 'gxk_AbCdEfGhIjKlMnOpQrStUv_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

// A port on 127.0.0.1 that nothing listens on, so the callout is refused as it would be for a stopped service.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') {
    throw new Error('could not reserve a port');
  }
  return address.port;
}

async function check(page: Page, name: string, options: PreviewOptions, expected: string[]): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const preview = await renderPreview(page, options);
  try {
    const text = await page.locator('c-grax-setup').innerText();
    const missing = expected.filter((phrase) => !text.includes(phrase));
    const screenshot = path.join(ARTIFACTS, `lwc-preview-${name}.png`);
    await page.screenshot({ path: screenshot, fullPage: true });
    if (missing.length > 0 || errors.length > 0) {
      throw new Error(`${name}: missing ${JSON.stringify(missing)}, page errors ${JSON.stringify(errors)}`);
    }
    console.log(`${name}: ok (${path.relative(process.cwd(), screenshot)})`);
  } finally {
    await preview.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const chromium = await startChromium({ width: 1100, height: 900 });
  try {
    await check(await chromium.context.newPage(), 'address-not-set', {}, [
      'Set the GRAX service address',
      'Service address',
      'Save address',
    ]);
    const serviceUrl = `http://127.0.0.1:${await closedPort()}`;
    await check(await chromium.context.newPage(), 'not-reachable', { serviceUrl, linkKey: LINK_KEY }, [
      'The GRAX service is not reachable',
      'ECONNREFUSED',
      'public HTTPS address with a certificate from a trusted authority',
      serviceUrl,
    ]);
  } finally {
    await chromium.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
