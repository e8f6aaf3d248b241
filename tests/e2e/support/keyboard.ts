/** Keyboard-only use of a page: reach a control with Tab alone, as someone who cannot use a mouse does. */
import type { Locator, Page } from 'playwright-core';

/** Presses Tab until `target` has the focus; returns how many presses it took, or fails after `maxPresses`. */
export async function tabTo(page: Page, target: Locator, maxPresses = 30): Promise<number> {
  for (let presses = 1; presses <= maxPresses; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
  throw new Error(`${maxPresses} presses of Tab did not reach ${target.toString()}; the focus is on ${focused}`);
}
