import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** RGAA / WCAG 2.1 AA rules that axe can check automatically (labels, contrast, landmarks…). */
export async function expectNoAccessibilityViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary).toEqual([]);
}
