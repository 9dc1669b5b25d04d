/** Accessibility check with axe-core: the serious and critical violations on a page (or inside one element), as readable lines. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { openCopies, type SteadyTag } from './steady-ui';

const STEADY_TAGS: readonly string[] = ['steady-card', 'steady-badge', 'steady-preview', 'steady-toast', 'steady-underlines'];

/** `include`: a selector, or one of Steady's hosts (checked through an open copy, since their roots are closed). */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const copies = include && STEADY_TAGS.includes(include) ? await openCopies(page, include as SteadyTag) : undefined;
  try {
    const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
    if (include) builder.include(copies?.selector ?? include);
    const { violations } = await builder.analyze();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  } finally {
    await copies?.remove();
  }
}
