import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { AxeResults, Result as AxeViolation } from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

/** Where every step's screenshot goes, by viewport (git-ignored). */
export const SCREENSHOTS = path.resolve(__dirname, '../../../../.artifacts/screenshots');

/** The two screens the web app is built for: a laptop, and a small phone (iPhone SE). */
export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true },
} as const satisfies Record<string, BrowserContextOptions>;
export type ViewportName = keyof typeof VIEWPORTS;

/**
 * Debian's chromium, headless. Never a downloaded browser: playwright-core brings none, and the
 * flags keep chromium from calling home (updates, sync, field trials) during a test.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** What fails the accessibility check; `moderate` and `minor` findings are left to review. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
  line: number;
  sample: string;
}

/**
 * Everything a page did wrong that the person would not necessarily see: uncaught errors,
 * console errors, Content-Security-Policy violations, server errors, failed loads.
 */
class PageProblems {
  private readonly problems: string[] = [];

  constructor(private readonly origin: string) {}

  async watch(context: BrowserContext): Promise<void> {
    // Reported by the page itself: a refused inline style or script is otherwise silent in the UI.
    await context.exposeBinding('__arborCspViolation', (_source, violation: CspViolation) => {
      this.problems.push(
        `CSP violation: ${violation.directive} blocked ${violation.blocked || '(inline)'} at ${violation.source}:${violation.line} ${violation.sample}`,
      );
    });
    // A string, not a function: this project's types are Node's, without the DOM's.
    await context.addInitScript(`
      document.addEventListener('securitypolicyviolation', (event) =>
        window.__arborCspViolation({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          source: event.sourceFile,
          line: event.lineNumber,
          sample: event.sample,
        }),
      );
    `);
    context.on('page', (page) => this.watchPage(page));
  }

  private watchPage(page: Page): void {
    page.on('pageerror', (error) => this.problems.push(`uncaught error: ${error.stack ?? error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location().url;
      // An API refusal (401 on the silent refresh when signed out, a 409, a 422) is an answer the
      // app shows in plain words; the browser logs every one. Server errors are caught below.
      if (message.text().startsWith('Failed to load resource') && where.startsWith(`${this.origin}/api/`))
        return;
      this.problems.push(`console error: ${message.text()} (${where})`);
    });
    page.on('response', (response) => {
      if (response.status() >= 500) {
        this.problems.push(
          `server error: ${response.request().method()} ${response.url()} answered ${response.status()}`,
        );
      }
    });
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? 'failed';
      // Leaving a page cancels what it was still loading: not a fault.
      if (failure === 'net::ERR_ABORTED') return;
      this.problems.push(`request failed: ${request.method()} ${request.url()}: ${failure}`);
    });
  }

  /** Fails the test, naming each problem, if any happened since the last check. */
  expectNone(step: string): void {
    const found = this.problems.splice(0);
    if (found.length > 0) {
      throw new Error(`The page misbehaved by step "${step}":\n  ${found.join('\n  ')}`);
    }
  }
}

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) =>
            `      element ${node.target.join(' ')}: ${node.html}\n        ${(node.failureSummary ?? '').replace(/\n/g, '\n        ')}`,
        )
        .join('\n');
      return `  ${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** axe-core on the page as it is now: the serious and critical violations. */
export async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate<boolean>("'axe' in window");
  // Evaluated rather than added as a <script> (`addScriptTag`): the app's CSP (script-src 'self')
  // rightly refuses an inline script, and must stay on for the test to see the app's violations.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate<AxeResults>("axe.run(document, { resultTypes: ['violations'] })");
  return results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''));
}

interface PageWidth {
  document: number;
  body: number;
  /** Elements whose right edge is past the screen's, outside any scroll container of their own. */
  beyond: string[];
}

/**
 * How wide the page is, three ways. `document.documentElement.scrollWidth` alone cannot see it:
 * the app's stylesheet sets `overflow-x: hidden` on html and body, so content wider than a phone
 * is cut off rather than scrolled to, and the document stays exactly as wide as the screen.
 * Content in a scroll container of its own (a table in `Table.ScrollContainer`) is allowed.
 * A string: this project's types are Node's, without the DOM's.
 */
const MEASURE_WIDTH = `(() => {
  const clippedInside = (element) => {
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX !== 'visible') return true;
    }
    return false;
  };
  const beyond = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > window.innerWidth + 1 && !clippedInside(element)) {
      beyond.push(element.tagName.toLowerCase() + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '') + ' (right edge ' + Math.round(box.right) + ' px)');
    }
  }
  return {
    document: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    beyond: beyond.slice(0, 10),
  };
})()`;

/** One browser context (a person's browser: its own cookies and storage) on the web app. */
export interface Visit {
  readonly context: BrowserContext;
  readonly page: Page;
  /**
   * At each screen: no page problem so far, no serious or critical accessibility violation, no
   * horizontal scrolling on a phone, and a screenshot named after the step.
   */
  check(step: string): Promise<void>;
  /** Fails on any page problem since the last check, then closes the context. */
  close(): Promise<void>;
}

/**
 * A viewport's run through the product: its visits share one numbering of screenshots, written
 * to `.artifacts/screenshots/<viewport>/<nn>-<step>.png`, or another folder (it is emptied first).
 */
export class Journey {
  private step = 0;
  private readonly folder: string;

  constructor(
    private readonly browser: Browser,
    readonly viewport: ViewportName,
    readonly origin: string,
    /** The screenshots' folder under `.artifacts/screenshots`, when not the viewport's own. */
    folder: string = viewport,
  ) {
    this.folder = path.join(SCREENSHOTS, folder);
    rmSync(this.folder, { recursive: true, force: true });
    mkdirSync(this.folder, { recursive: true });
  }

  async visit(): Promise<Visit> {
    const context = await this.browser.newContext({ ...VIEWPORTS[this.viewport], baseURL: this.origin });
    // Auto-waiting locators: a step that cannot happen fails in seconds, not at the test timeout.
    context.setDefaultTimeout(15_000);
    const problems = new PageProblems(this.origin);
    await problems.watch(context);
    const page = await context.newPage();
    const phone = this.viewport === 'phone';
    return {
      context,
      page,
      check: async (step) => {
        problems.expectNone(step);
        const name = `${String((this.step += 1)).padStart(2, '0')}-${slug(step)}`;
        await page.screenshot({ path: path.join(this.folder, `${name}.png`), fullPage: true });
        const violations = await accessibilityViolations(page);
        if (violations.length > 0) {
          throw new Error(
            `Accessibility violations at step "${step}" (${this.viewport}, ${page.url()}):\n${describeViolations(violations)}`,
          );
        }
        if (phone) {
          const width = await page.evaluate<PageWidth>(MEASURE_WIDTH);
          const screenWidth = VIEWPORTS.phone.viewport.width;
          if (Math.max(width.document, width.body) > screenWidth || width.beyond.length > 0) {
            throw new Error(
              `Horizontal scrolling at step "${step}" (${page.url()}) on a ${screenWidth} px screen: the page is ${width.document} px wide, its body ${width.body} px; reaching past the screen's edge: ${width.beyond.join(', ') || 'nothing'}`,
            );
          }
        }
        problems.expectNone(step);
      },
      close: async () => {
        try {
          problems.expectNone('closing the browser');
        } finally {
          await context.close();
        }
      },
    };
  }
}

function slug(step: string): string {
  return step
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}
