// Real: the built web app (dist/web) served by the gateway on its own origin, in Debian's headless
// chromium; identity, payments, service-enablement, client-records, notes, invoicing and
// notifications as built apps in their own processes; the processor sandbox (with its look-alikes
// of Stripe.js, Accept.js and Converge Checkout.js, loaded by the browser from the sandbox's own
// origin); RabbitMQ, PostgreSQL, Redis. Faked: nothing.
import type { BrowserContext, Page, Request } from 'playwright-core';
import { enableClientBilling } from '../billing-helpers';
import { createClient, portalSignIn } from '../clients-helpers';
import { login, signUpAsAdmin } from '../identity-helpers';
import { Journey, type ViewportName, type Visit } from './browser';
import { cardNumbersLeaked } from './card-scan';
import { goToTab, signIn, switchRole } from './screens';
import { JOURNEY_SERVICES, platformWithBrowser } from './web-platform';

const PASSWORD = 'maple-syrup-on-tuesdays';
const CLIENT_PASSWORD = 'lantern-over-the-orchard';
const GOOD_CARD = '4242 4242 4242 4242';

type ProcessorType = 'stripe' | 'authorize_net' | 'elavon';

interface Card {
  number: string;
  zip?: string;
}

interface PracticeCase {
  type: ProcessorType;
  label: string;
  credentials: Record<string, string>;
  /** Set up by the Admin in Billing → Setup (one processor: the others through the API, for speed). */
  setUpInBrowser: boolean;
  /** Where the client is declined, then pays; a second invoice is paid at the other size. */
  clientViewport: ViewportName;
  /** A card this processor turns down, and what the client is then told. */
  refused: { card: Card; says: RegExp };
  good: Card;
}

const PRACTICES: PracticeCase[] = [
  {
    type: 'stripe',
    label: 'Stripe',
    credentials: {
      secretKey: 'sk_test_51HsupersecretStripeKey0011',
      publishableKey: 'pk_test_51HpublishableKey00000011',
    },
    setUpInBrowser: false,
    clientViewport: 'phone',
    // Stripe's "generic decline" test card: tokenized, then declined when charged (402).
    refused: {
      card: { number: '4000 0000 0000 0002', zip: '10001' },
      says: /declined.*Nothing was charged/i,
    },
    good: { number: GOOD_CARD, zip: '10001' },
  },
  {
    type: 'authorize_net',
    label: 'Authorize.net',
    credentials: {
      apiLoginId: '5KP3u95bQpv',
      transactionKey: '346HZ32z3fP4hTG2',
      publicClientKey: '7pVZn5M2ha5jEhhsb6Cn8Lq92T5vQF',
    },
    setUpInBrowser: true,
    clientViewport: 'phone',
    // Authorize.net's sandbox declines a charge whose billing ZIP is 46282.
    refused: { card: { number: GOOD_CARD, zip: '46282' }, says: /declined.*Nothing was charged/i },
    good: { number: GOOD_CARD, zip: '46201' },
  },
  {
    type: 'elavon',
    label: 'Elavon',
    credentials: { merchantId: '0017340', userId: 'webpage', pin: 'PINsecret0000000000000000000001' },
    setUpInBrowser: false,
    clientViewport: 'desktop',
    // Converge's sandbox declines a sale by its cents, never by card, so the refused card is one
    // Converge will not tokenize (it fails the Luhn check): refused by Checkout.js, not charged.
    refused: { card: { number: '4242 4242 4242 4241' }, says: /card number.*invalid/i },
    good: { number: GOOD_CARD },
  },
];

const web = platformWithBrowser('billing_web', JOURNEY_SERVICES);
/** The tokens the browsers paid with: what Arbor is meant to hold instead of a card. */
const paidTokens = new Set<string>();
/** Requests to Arbor that carried a card number (there must be none). */
const cardsSentToArbor: string[] = [];

/** Watches what the client's browser sends to Arbor: the card must go only to the processor. */
function watchRequests(context: BrowserContext, cards: readonly string[]): void {
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== web.platform.webOrigin) return;
    const sent = `${request.url()} ${request.postData() ?? ''}`;
    for (const card of cards) {
      if (sent.replace(/[\s-]/g, '').includes(card.replace(/\s/g, ''))) {
        cardsSentToArbor.push(`${request.method()} ${url.pathname}`);
      }
    }
    if (request.method() === 'POST' && url.pathname.endsWith('/pay')) {
      const token = (JSON.parse(request.postData() ?? '{}') as { paymentToken?: string }).paymentToken;
      if (token) paidTokens.add(token);
    }
  });
}

/**
 * Presses Pay and answers what the page said: the receipt, or the problem beside the form, with
 * the requests the attempt made (so a failing step names what the client was told and what was
 * sent, not only that the receipt never came). The problem of an earlier attempt must go first.
 */
async function pay(page: Page, total: string): Promise<string> {
  const form = page.getByRole('form', { name: 'Pay by card' });
  const problem = form.getByRole('alert');
  const earlier = await problem.elementHandles();
  const requests: string[] = [];
  const record = (request: Request) => {
    if (/\/(pay|payment-config|payment_methods|request\.api|process)$/.test(new URL(request.url()).pathname))
      requests.push(`${request.method()} ${new URL(request.url()).pathname}`);
  };
  page.context().on('request', record);
  try {
    await form.getByRole('button', { name: `Pay ${total}` }).click();
    try {
      for (const handle of earlier) await handle.waitForElementState('hidden', { timeout: 5000 });
    } catch {
      throw new Error(
        `Pay started no new attempt; the form says: ${await form.innerText()} [${requests.join(', ')}] (${page.frames().length - 1} frames); what the page saw last:\n${(await page.evaluate<string[]>('window.__payTrace ?? []')).join('\n')}`,
      );
    }
    const answer = page.getByRole('status').filter({ hasText: 'Payment received' }).or(problem).first();
    await answer.waitFor();
    return `${await answer.innerText()} [${requests.join(', ')}]`;
  } finally {
    page.context().off('request', record);
  }
}

/**
 * Installed in every client page before it loads, so that it costs the click nothing: the last
 * pointer, click, submit, scroll and resize events the page saw, each with where the Pay button
 * was and whether it was disabled. A Pay that starts nothing then says whether the click reached
 * the page at all, and what moved. A string: this project's types are Node's, without the DOM's.
 */
const PAY_TRACE = `(() => {
  const trace = (window.__payTrace = []);
  const t0 = performance.now();
  const note = (event) => {
    const button = document.querySelector('form[aria-label="Pay by card"] button[type=submit]');
    const box = button && button.getBoundingClientRect();
    const at = event.clientX === undefined ? '' : ' at ' + Math.round(event.clientX) + ',' + Math.round(event.clientY);
    trace.push(Math.round(performance.now() - t0) + 'ms ' + event.type + at + ' on ' + (event.target && (event.target.tagName || 'window')) +
      '; Pay ' + (box ? Math.round(box.top) + '-' + Math.round(box.bottom) + (button.disabled ? ' disabled' : '') : 'absent') + ', scrollY ' + Math.round(scrollY));
    if (trace.length > 30) trace.shift();
  };
  for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click', 'submit', 'scroll', 'resize', 'focusin']) window.addEventListener(type, note, true);
})()`;

/**
 * Waits for the page's finite animations (a dialog fading in) to end: mid-transition, axe
 * measures blended colours. A string: this project's types are Node's, without the DOM's.
 */
async function animationsDone(page: Page): Promise<void> {
  await page.evaluate(
    'Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished))',
  );
}

/** Types the card into whichever fields the processor shows: Stripe's iframe, or Arbor's inputs. */
async function fillCard(page: Page, type: ProcessorType, card: Card): Promise<void> {
  if (type === 'stripe') {
    const frame = page.frameLocator('iframe[title="Secure card payment input frame"]');
    await frame.getByLabel('Card number').fill(card.number);
    await frame.getByLabel(/^Expiration date/).fill('12 / 34');
    await frame.getByLabel('CVC').fill('123');
    await frame.getByLabel('ZIP').fill(card.zip ?? '');
    return;
  }
  const form = page.getByRole('form', { name: 'Pay by card' });
  await form.getByLabel('Card number').fill(card.number);
  await form.getByLabel('Expiry (MM/YY)').fill('12/34');
  await form.getByLabel('Security code (CVC)').fill('123');
  if (card.zip) await form.getByLabel('Billing ZIP code').fill(card.zip);
}

describe.each(PRACTICES)('Paying an invoice by card with $label', (practice) => {
  const slug = practice.type.replace('_', '-');
  const admin = { email: `ada-${slug}@billing.test`, practiceId: '', userId: '' };
  const client = { firstName: 'Cleo', lastName: 'Birch', email: `cleo-${slug}@billing.test`, id: '' };
  const practiceName = `Birch Counselling (${practice.label})`;
  let staffJourney: Journey;
  let clientJourney: Journey;
  let staff: Visit;
  let page: Page;
  let invoice = { number: '', total: '', id: '' };
  /** Paid by the client at the other viewport. */
  let another = { number: '', total: '' };
  const otherViewport: ViewportName = practice.clientViewport === 'phone' ? 'desktop' : 'phone';
  let otherClientJourney: Journey;

  beforeAll(async () => {
    const signedUp = await signUpAsAdmin(web.platform.api, practiceName, admin.email, PASSWORD);
    admin.practiceId = signedUp.practiceId;
    admin.userId = signedUp.userId;
    const adminCall = (method: string, path: string, body: unknown) =>
      web.platform.api.call(method, `/practices/${admin.practiceId}${path}`, {
        token: signedUp.adminToken,
        body,
      });
    if (!practice.setUpInBrowser) {
      const processor = await adminCall('POST', '/payment-processors', {
        description: `Our ${practice.label} account`,
        type: practice.type,
        credentials: practice.credentials,
      });
      expect(processor.status).toBe(201);
    }
    expect(
      (await adminCall('PUT', '/sales-tax', { mode: 'flat', ratePercent: 8.25, pricesIncludeTax: false }))
        .status,
    ).toBe(200);
    await enableClientBilling(web.platform.api, signedUp, [admin.userId]);
    const session = await login(web.platform.api, admin.email, PASSWORD);
    const provider = await web.platform.api.call('POST', '/auth/switch-role', {
      token: session.accessToken,
      body: { practiceId: admin.practiceId, role: 'provider' },
    });
    expect(provider.status).toBe(200);
    const created = await createClient(
      web.platform.api,
      provider.body['accessToken'] as string,
      admin.practiceId,
      {
        firstName: client.firstName,
        lastName: client.lastName,
        email: client.email,
      },
    );
    client.id = created.id;
    await portalSignIn(web.platform.api, created.portalInviteUrl, client.email, CLIENT_PASSWORD);

    staffJourney = new Journey(
      web.browser,
      'desktop',
      web.platform.webOrigin,
      `billing-${slug}-staff-desktop`,
    );
    clientJourney = new Journey(
      web.browser,
      practice.clientViewport,
      web.platform.webOrigin,
      `billing-${slug}-client-${practice.clientViewport}`,
    );
    otherClientJourney = new Journey(
      web.browser,
      otherViewport,
      web.platform.webOrigin,
      `billing-${slug}-client-${otherViewport}`,
    );
    staff = await staffJourney.visit();
    page = staff.page;
    await page.goto('/sign-in');
    await signIn(page, admin.email, PASSWORD);
    await page.getByRole('heading', { name: 'Clients', level: 2 }).waitFor();
  });

  afterAll(() => staff?.close());

  if (practice.setUpInBrowser) {
    it(`the Admin adds the ${practice.label} processor in Billing → Setup`, async () => {
      await switchRole(page, 'Admin');
      await page.goto('/admin/billing/setup');
      await page.getByText('No payment processor yet').waitFor();
      await page.getByRole('button', { name: 'Add Processor' }).click();
      const form = page.getByRole('form', { name: 'Add Processor' });
      await form.getByLabel('Description').fill(`Our ${practice.label} account`);
      await form.getByLabel('Processor Type').click();
      await page.getByRole('option', { name: practice.label }).click();
      await form.getByLabel(/^API Login ID/).fill(practice.credentials['apiLoginId']!);
      await form.getByLabel(/^Transaction Key/).fill(practice.credentials['transactionKey']!);
      await form.getByLabel(/^Public Client Key/).fill(practice.credentials['publicClientKey']!);
      await staff.check('add processor');
      await form.getByRole('button', { name: 'Add Processor' }).click();
      await form.waitFor({ state: 'detached' });
      await page
        .getByRole('list', { name: 'Payment processors' })
        .getByRole('listitem', { name: `Our ${practice.label} account` })
        .getByText('Active', { exact: true })
        .waitFor();
      await staff.check('processor listed');
      await switchRole(page, 'Provider');
    });
  }

  /** Sends an invoice from the client's Billing tab; answers its number and total as the form says. */
  async function sendInvoice(description: string, amount: string, shot: boolean) {
    await page.goto(`/clients/${client.id}`);
    await page.getByRole('tab', { name: 'Billing' }).click();
    const form = page.getByRole('form', { name: 'Create Invoice' });
    await form.getByLabel('Description').fill(description);
    await form.getByLabel('Amount in dollars').fill(amount);
    if (shot) await staff.check('create invoice');
    await form.getByRole('button', { name: 'Send Invoice' }).click();
    const sent = await form
      .getByRole('status')
      .filter({ hasText: /^Sent INV-/ })
      .innerText();
    const match = /^Sent (INV-\d+) for (\$[\d,.]+)\./.exec(sent);
    expect(match).not.toBeNull();
    if (shot) await staff.check('invoice sent');
    return { number: match![1]!, total: match![2]! };
  }

  /** A new visit of the client's, watched (the cards it may type, its pay trace), signed in to the portal. */
  async function clientSignsIn(journey: Journey, cards: readonly Card[]): Promise<Visit> {
    const visit = await journey.visit();
    watchRequests(
      visit.context,
      cards.map((card) => card.number),
    );
    await visit.context.addInitScript(PAY_TRACE);
    await visit.page.goto('/sign-in');
    await signIn(visit.page, client.email, CLIENT_PASSWORD);
    await visit.page.waitForURL(/\/portal$/);
    return visit;
  }

  it("the provider creates and sends two invoices from the client's Billing tab", async () => {
    invoice = { ...(await sendInvoice(`Session, December 1 (${practice.label})`, '125.00', true)), id: '' };
    expect(invoice.total).toBe('$135.31');
    another = await sendInvoice(`Session, December 8 (${practice.label})`, '80.00', false);
    expect(another.total).toBe('$86.60');
    expect(another.number).not.toBe(invoice.number);
  });

  it('the client signs in, sees the alert (no amount, no description), opens the invoice, is declined once, then pays', async () => {
    expect(invoice.number).not.toBe('');
    const visit = await clientSignsIn(clientJourney, [practice.refused.card, practice.good]);
    try {
      const portal = visit.page;
      const alert = portal
        .getByRole('region', { name: 'Alerts' })
        .getByRole('article', { name: `New invoice from ${practiceName}` })
        // Two invoices were sent: two alerts alike.
        .first();
      const alertText = await alert.innerText();
      expect(alertText).not.toContain('$');
      expect(alertText).not.toContain('Session');
      await visit.check('portal home with the invoice alert');

      await portal.getByRole('link', { name: 'see my invoices' }).click();
      await portal.getByRole('link', { name: `${invoice.total}, invoice ${invoice.number}` }).click();
      await portal.getByRole('heading', { name: `Invoice ${invoice.number}`, level: 2 }).waitFor();
      invoice.id = new URL(portal.url()).pathname.split('/').pop() ?? '';
      await visit.check('invoice unpaid');

      await portal.getByRole('button', { name: `Pay ${invoice.total}` }).click();
      const form = portal.getByRole('form', { name: 'Pay by card' });
      await fillCard(portal, practice.type, practice.refused.card);
      await visit.check('card form');
      expect(await pay(portal, invoice.total)).toEqual(expect.stringMatching(practice.refused.says));
      await portal.getByText('Unpaid', { exact: true }).first().waitFor();
      await visit.check('card refused');

      await fillCard(portal, practice.type, practice.good);
      expect(await pay(portal, invoice.total)).toMatch(/^Payment received/);
      await portal.getByText('Paid', { exact: true }).first().waitFor();
      expect(await form.count()).toBe(0);
      await visit.check('invoice paid with receipt');
    } finally {
      await visit.close();
    }
  });

  it(`the client pays the other invoice on a ${otherViewport} screen`, async () => {
    expect(another.number).not.toBe('');
    const visit = await clientSignsIn(otherClientJourney, [practice.good]);
    try {
      const portal = visit.page;
      await portal.getByRole('link', { name: 'see my invoices' }).click();
      await portal.getByRole('link', { name: `${another.total}, invoice ${another.number}` }).click();
      await portal.getByRole('heading', { name: `Invoice ${another.number}`, level: 2 }).waitFor();
      await visit.check('invoice unpaid');
      await portal.getByRole('button', { name: `Pay ${another.total}` }).click();
      await fillCard(portal, practice.type, practice.good);
      await visit.check('card form');
      expect(await pay(portal, another.total)).toMatch(/^Payment received/);
      await portal.getByText('Paid', { exact: true }).first().waitFor();
      await visit.check('invoice paid with receipt');
    } finally {
      await visit.close();
    }
  });

  it('the Admin’s Billing → Invoices and the client’s Billing tab show it paid', async () => {
    await page.goto('/');
    await switchRole(page, 'Admin');
    await goToTab(page, 'desktop', 'Billing');
    const listed = page
      .getByRole('list', { name: 'Invoices' })
      .getByRole('listitem')
      .filter({ hasText: invoice.number });
    await listed.getByText('Paid', { exact: true }).waitFor();
    await staff.check('admin invoices paid');
    await switchRole(page, 'Provider');
    await page.goto(`/clients/${client.id}`);
    await page.getByRole('tab', { name: 'Billing' }).click();
    await page
      .getByRole('list', { name: 'Invoices' })
      .getByRole('listitem')
      .filter({ hasText: invoice.number })
      .getByText('Paid', { exact: true })
      .waitFor();
    await staff.check('client billing tab paid');
  });

  it('the provider refunds part, then the rest: refunded', async () => {
    // Overnight the processor settles the day's charges; a refund is of a settled charge.
    const settled = await fetch(`${web.platform.sandboxUrl}/_sandbox/settle`, { method: 'POST' });
    expect(settled.status).toBe(200);
    await page.goto(`/clients/${client.id}/invoices/${invoice.id}`);
    await page.getByRole('heading', { name: `Invoice ${invoice.number}`, level: 2 }).waitFor();
    for (const [amount, status] of [
      ['50.00', 'Partially refunded'],
      ['', 'Refunded'],
    ] as const) {
      await page.getByRole('button', { name: 'Refund', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Refund invoice ${invoice.number}` });
      if (amount) await dialog.getByLabel('Amount in dollars').fill(amount);
      await dialog.getByLabel('Reason').fill(amount ? 'One session was cancelled' : 'Moving away');
      if (amount) {
        await animationsDone(page);
        await staff.check('refund part');
      }
      await dialog.getByRole('button', { name: 'Confirm refund' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText(status, { exact: true }).first().waitFor();
    }
    await staff.check('refunded');
  });
});

describe('No card number lands anywhere', () => {
  it('the browser sent no card number to Arbor', () => {
    expect(paidTokens.size).toBeGreaterThanOrEqual(PRACTICES.length);
    expect(cardsSentToArbor).toEqual([]);
  });

  it("is in no service's log, and in no row of any table of any service's database", async () => {
    // The tokens are what Arbor keeps instead of the card; a Converge token is 16 digits ending in
    // the card's last four, and may pass the Luhn check, so the scan is told they are not cards.
    const scan = await cardNumbersLeaked(web.platform, JOURNEY_SERVICES, paidTokens);
    // It read what it should: every table, the bus's outbox and inbox among them.
    expect(scan.tables).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^invoicing .*outbox/),
        expect.stringMatching(/^invoicing .*inbox/),
      ]),
    );
    expect(scan.rows).toBeGreaterThan(0);
    expect(scan.finds).toEqual([]);
  });
});
