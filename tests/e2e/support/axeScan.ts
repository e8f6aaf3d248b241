/**
 * Runs axe-core in a page and returns the violations a user would be hurt by (impact serious or critical), in a
 * form that reads well in a failed assertion.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** A violation, reduced to what helps fix it. */
export interface AxeProblem {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** Serious and critical axe violations of the page (or of `selector` within it). */
export async function seriousAxeViolations(page: Page, selector?: string): Promise<AxeProblem[]> {
  // Evaluated through the DevTools protocol rather than a <script> tag, so the service's strict CSP (script-src
  // 'self') does not block it and needs no exception for tests.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (context) => {
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<unknown> } }).axe;
    return (await axe.run(context ?? document)) as AxeResult;
  }, selector ?? null);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
}
