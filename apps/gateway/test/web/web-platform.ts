import type { Browser } from 'playwright-core';
import { startPlatform, type Platform, type PlatformOptions, type ServiceName } from '../platform';
import { launchBrowser } from './browser';

/** What the browser journeys run: every service the web app's screens reach. */
export const JOURNEY_SERVICES: ServiceName[] = [
  'identity',
  'payments',
  'service-enablement',
  'client-records',
  'notes',
  'invoicing',
  'notifications',
];

/**
 * For a browser journey spec: the platform serving the built web app, and Debian's chromium,
 * started together before its tests and both stopped after them. Read `platform` and `browser`
 * inside tests and hooks (they are set once `beforeAll` has run). `options`, if given, is asked for
 * when the platform starts, so it may name what an earlier `beforeAll` started (a mail server).
 */
export function platformWithBrowser(
  label: string,
  services: ServiceName[],
  options: () => Omit<PlatformOptions, 'web'> = () => ({}),
): { readonly platform: Platform; readonly browser: Browser } {
  const started = {} as { platform: Platform; browser: Browser };
  beforeAll(async () => {
    // Both kept whichever fails, so that afterAll stops the other.
    const [platform, browser] = await Promise.allSettled([
      startPlatform(label, services, { ...options(), web: true }),
      launchBrowser(),
    ]);
    if (platform.status === 'fulfilled') started.platform = platform.value;
    if (browser.status === 'fulfilled') started.browser = browser.value;
    if (platform.status === 'rejected') throw platform.reason;
    if (browser.status === 'rejected') throw browser.reason;
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.platform?.close();
  });
  return started;
}
