/**
 * What every browser test keeps of a page it checked: a full-page screenshot under test-artifacts/ (for a person to
 * look at afterwards) and the page's serious or critical axe-core violations (for the test to assert on).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { seriousAxeViolations, type AxeProblem } from './axeScan';
import { REPO_ROOT } from '@test-support/repoRoot';

/** Where screenshots go (ignored by git, kept by CI as artefacts). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts');

/** Saves `test-artifacts/<name>.png` of the whole page and returns its serious axe violations. */
export async function recordPage(page: Page, name: string): Promise<AxeProblem[]> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
  return seriousAxeViolations(page);
}
