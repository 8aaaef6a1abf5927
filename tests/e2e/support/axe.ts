import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * axe-core's serious and critical WCAG 2.1 A/AA findings on the page as it is now, one line each
 * ("rule: help → targets"); an empty list when there are none. axe is evaluated through the DevTools
 * protocol: the app's CSP (script-src 'self') refuses an inline script tag. The accessibility journey keeps
 * its own, more detailed report (colours and ratios).
 */
export async function seriousFindings(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const result = await run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
