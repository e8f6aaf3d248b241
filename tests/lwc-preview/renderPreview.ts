// Opens the GRAX Setup preview in a Playwright page: builds the preview once per process, serves it on 127.0.0.1,
// loads it with the simulated org's settings in the query string and waits until the page has left its loading
// state. The caller closes the returned preview (its server) when done.
// The build runs in a child process (tsx build.ts): the LWC rollup plugin is an ES module, which Jest's module VM
// cannot import without --experimental-vm-modules, so building in-process would only work outside Jest.
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { BUILD_DIR } from './build';
import { startPreviewServer } from './previewServer';

/** The org the preview simulates; see apex/simulatedOrg.ts. */
export interface PreviewOptions {
  /** Named Credential URL: the GRAX service base URL the page calls (left out: "service address not set"). */
  serviceUrl?: string;
  /** The link key stored in the External Credential (left out: "not linked"). */
  linkKey?: string;
  /** The org id sent as X-Salesforce-Org-Id. */
  orgId?: string;
  /** False simulates an admin without Manage Named Credentials or Customize Application. */
  canEditNamedCredentials?: boolean;
  /** False simulates a user without custom permission GRAX_Manage_Connection. */
  mayManage?: boolean;
  /** False simulates a user without access to principal GRAX_Service - Link: every callout fails as in Salesforce. */
  principalAccess?: boolean;
}

/** The page's address and a way to stop serving it. */
export interface RenderedPreview {
  url: string;
  close(): Promise<void>;
}

// Generous: on a loaded CI machine Chromium can take long to load and run the page; a broken page still fails.
const SETTLE_TIMEOUT_MS = 60_000;
const BUILD_TIMEOUT_MS = 180_000;
let build: Promise<string> | undefined;

/** Builds the preview into BUILD_DIR with `tsx build.ts` and resolves to that folder. */
function buildInChildProcess(): Promise<string> {
  const tsx = require.resolve('tsx/cli');
  const script = path.join(__dirname, 'build.ts');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [tsx, script], { timeout: BUILD_TIMEOUT_MS }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`building the GRAX Setup preview failed: ${error.message}\n${stderr}`));
      else resolve(BUILD_DIR);
    });
  });
}

/** Renders c-grax-setup in page for the given simulated org and waits for its first state. */
export async function renderPreview(page: Page, options: PreviewOptions = {}): Promise<RenderedPreview> {
  build ??= buildInChildProcess();
  const server = await startPreviewServer(await build);
  const query = new URLSearchParams();
  if (options.serviceUrl) query.set('serviceUrl', options.serviceUrl);
  if (options.linkKey) query.set('linkKey', options.linkKey);
  if (options.orgId) query.set('orgId', options.orgId);
  if (options.canEditNamedCredentials === false) query.set('canEdit', 'false');
  if (options.mayManage === false) query.set('manage', 'false');
  if (options.principalAccess === false) query.set('principalAccess', 'false');
  const url = `${server.url}/index.html?${query.toString()}`;
  try {
    await page.goto(url);
    await page.locator('c-grax-setup h2, c-grax-setup .load-error').first().waitFor({ timeout: SETTLE_TIMEOUT_MS });
    await page.locator('c-grax-setup lightning-spinner').waitFor({ state: 'detached', timeout: SETTLE_TIMEOUT_MS });
  } catch (error) {
    await server.close();
    throw error;
  }
  return { url, close: () => server.close() };
}
