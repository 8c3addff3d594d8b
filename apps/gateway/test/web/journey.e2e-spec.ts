// Real: the built web app (dist/web) served by the gateway on its own origin, in Debian's headless
// chromium; identity, payments, service-enablement, client-records, notes, invoicing and
// notifications as built apps in their own processes; the processor sandbox; RabbitMQ, PostgreSQL, Redis. Faked: nothing.
import type { Page } from 'playwright-core';
import { Journey, VIEWPORTS, type ViewportName, type Visit } from './browser';
import { goToTab, signIn, switchRole } from './screens';
import { JOURNEY_SERVICES, platformWithBrowser } from './web-platform';

const PASSWORD = 'maple-syrup-on-tuesdays';
const CLIENT_PASSWORD = 'lantern-over-the-orchard';

const web = platformWithBrowser('web', JOURNEY_SERVICES);

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('The web app at the %s viewport', (viewport) => {
  const admin = { name: 'Ada Moss', email: `ada-${viewport}@maple.test` };
  const client = { firstName: 'Cleo', lastName: 'Birch', email: `cleo-${viewport}@maple.test` };
  const stripe = {
    secretKey: 'sk_test_51HsupersecretStripeKey0001',
    publishableKey: 'pk_test_51HpublishableKey00000001',
  };
  /** One note of each type, in the words the Type choice shows; only the shared one reaches the portal. */
  const notes = [
    { type: 'Private', body: `Private thoughts before the next session (${viewport}).` },
    { type: 'Care team', body: `For the care team: sleep has improved (${viewport}).` },
    { type: 'Practice', body: `For the practice: prefers morning appointments (${viewport}).` },
    { type: 'Shared with the client', body: `Shared: try the breathing exercise daily (${viewport}).` },
  ];
  const shared = notes.filter((note) => note.type === 'Shared with the client');
  let journey: Journey;
  let staff: Visit;
  let page: Page;
  let clientId = '';
  let invitationLink = '';

  beforeAll(async () => {
    // Signing up a practice is the public API's first step; the web app starts at signing in.
    const created = await web.platform.api.call('POST', '/practices', {
      body: {
        practiceName: `Maple Counselling (${viewport})`,
        admin: { name: admin.name, email: admin.email, password: PASSWORD },
      },
    });
    expect(created.status).toBe(201);
    journey = new Journey(web.browser, viewport, web.platform.webOrigin);
    staff = await journey.visit();
    page = staff.page;
  });

  afterAll(() => staff?.close());

  it('serves the web app manifest and the apple-touch-icon the page names', async () => {
    await page.goto('/sign-in');
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    const iconHref = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    const manifest = await page.request.get(manifestHref ?? 'no manifest link');
    expect([manifest.status(), manifest.headers()['content-type']]).toEqual([
      200,
      expect.stringMatching(/^application\/(manifest\+)?json/),
    ]);
    const body = (await manifest.json()) as { name?: string; icons?: Array<{ src: string }> };
    expect(body).toEqual(
      expect.objectContaining({ name: expect.stringContaining('Arbor'), icons: expect.any(Array) }),
    );
    for (const src of [
      iconHref ?? 'no apple-touch-icon link',
      ...(body.icons ?? []).map((icon) => icon.src),
    ]) {
      const icon = await page.request.get(src);
      expect([src, icon.status(), icon.headers()['content-type']]).toEqual([src, 200, 'image/png']);
    }
  });

  it('1. the Admin signs in and switches to the Admin role', async () => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await staff.check('sign in');
    await signIn(page, admin.email, PASSWORD);
    await page.getByRole('heading', { name: 'Clients', level: 2 }).waitFor();
    await switchRole(page, 'Admin');
    await page.getByRole('heading', { name: 'Services', level: 2 }).waitFor();
    await staff.check('admin home');
  });

  it('2. Billing → Setup: adds a Stripe processor, listed with masked credentials, and sets the Sales Tax', async () => {
    await page.goto('/');
    await goToTab(page, viewport, 'Billing');
    // Billing opens on the practice's invoices; Setup is its other tab.
    await page.getByRole('tab', { name: 'Invoices', selected: true }).waitFor();
    await staff.check('billing invoices');
    await page.getByRole('tab', { name: 'Setup' }).click();
    await page.getByRole('heading', { name: 'Billing Setup', level: 2 }).waitFor();
    await page.getByText('No payment processor yet').waitFor();
    await staff.check('billing setup');

    await page.getByRole('button', { name: 'Add Processor' }).click();
    const form = page.getByRole('form', { name: 'Add Processor' });
    await form.getByLabel('Description').fill('Main practice account');
    await form.getByLabel('Processor Type').click();
    await page.getByRole('option', { name: 'Stripe' }).click();
    await form.getByLabel(/^Secret key/).fill(stripe.secretKey);
    await form.getByLabel(/^Publishable key/).fill(stripe.publishableKey);
    await staff.check('add processor');
    await form.getByRole('button', { name: 'Add Processor' }).click();
    await form.waitFor({ state: 'detached' });

    const listed = page
      .getByRole('list', { name: 'Payment processors' })
      .getByRole('listitem', { name: 'Main practice account' });
    await listed.getByText('Active', { exact: true }).waitFor();
    const credentials = await listed.getByRole('definition').allInnerTexts();
    expect(credentials).toEqual(expect.arrayContaining(['••••0001']));
    expect(await page.locator('body').innerText()).not.toContain('supersecret');
    await staff.check('processor listed');

    const tax = page.getByRole('form', { name: 'Sales Tax' });
    await tax.getByLabel('One rate for every client').check();
    await tax.getByLabel(/^Tax rate/).fill('8.25');
    await tax.getByRole('button', { name: 'Save' }).click();
    await tax.getByRole('status').filter({ hasText: 'Sales tax settings saved.' }).waitFor();
    await staff.check('sales tax saved');
    // Saved on the server, not only on screen: a reload (a silent session refresh) shows it again.
    await page.reload();
    expect(await tax.getByLabel(/^Tax rate/).inputValue()).toBe('8.25');
  });

  it('3. Services: assigns the provider to Client Billing and enables it', async () => {
    // Each step from a fresh load (the session restored from its cookie), whatever the last one
    // left; here the page the Admin comes from, Billing Setup.
    await page.goto('/admin/billing/setup');
    await page.getByRole('heading', { name: 'Billing Setup', level: 2 }).waitFor();
    await goToTab(page, viewport, 'Services');
    await page.getByRole('heading', { name: 'Services', level: 2 }).waitFor();
    const billing = page.getByRole('region', { name: 'Client Billing' });
    await billing.getByText('Not enabled', { exact: true }).waitFor();
    await staff.check('services');

    await billing.getByRole('button', { name: 'Edit Service' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Service: Client Billing' });
    await dialog.getByRole('checkbox', { name: admin.name }).check();
    await dialog.getByRole('switch', { name: 'Enable Service' }).check();
    await staff.check('edit service');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await billing.getByText('Enabled', { exact: true }).waitFor();
    await billing.getByText(admin.name).waitFor();
    await staff.check('service enabled');
  });

  it('4. as Provider: adds a client, whose profile shows the portal invitation link', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Services', level: 2 }).waitFor();
    await switchRole(page, 'Provider');
    await page.getByRole('heading', { name: 'Clients', level: 2 }).waitFor();
    await staff.check('clients');

    await page.getByRole('button', { name: 'Add Client' }).click();
    const form = page.getByRole('form', { name: 'Add Client' });
    await form.getByLabel('First name').fill(client.firstName);
    await form.getByLabel('Last name').fill(client.lastName);
    await form.getByLabel('Email').fill(client.email);
    await form.getByLabel('Phone').fill('+1 555 010 2030');
    await form.getByLabel('Date of birth').fill('1990-04-12');
    await staff.check('add client');
    await form.getByRole('button', { name: 'Add Client' }).click();

    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    clientId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.getByRole('heading', { name: `${client.firstName} ${client.lastName}`, level: 2 }).waitFor();
    invitationLink = await page.getByTestId('portal-invitation-link').innerText();
    expect(invitationLink).toMatch(new RegExp(`^${web.platform.webOrigin}/invitations/[A-Za-z0-9_-]+$`));
    await staff.check('client profile');
  });

  it('5. Notes: adds one note of each type, each listed with its type', async () => {
    expect(clientId).not.toBe('');
    await page.goto(`/clients/${clientId}`);
    await page.getByRole('tab', { name: 'Notes' }).click();
    await page.getByText('No notes yet').waitFor();
    await staff.check('notes');
    for (const [index, note] of notes.entries()) {
      await page.getByRole('button', { name: '+Add' }).click();
      const form = page.getByRole('form', { name: 'New note' });
      await form.getByRole('radio', { name: note.type, exact: true }).check();
      await form.getByRole('textbox', { name: /^Note/ }).fill(note.body);
      if (index === 0) await staff.check('new note');
      await form.getByRole('button', { name: 'Save note' }).click();
      await form.waitFor({ state: 'detached' });
      await page.getByRole('article').filter({ hasText: note.body }).waitFor();
    }
    const listed = page.getByRole('article');
    expect(await listed.count()).toBe(notes.length);
    for (const note of notes) {
      const card = listed.filter({ hasText: note.body });
      expect([note.body, await card.getByTestId('note-type').textContent()]).toEqual([note.body, note.type]);
    }
    await staff.check('notes listed');
  });

  it('6. the client accepts the invitation, signs in and sees exactly the shared note on the portal home', async () => {
    const visit = await journey.visit();
    try {
      const portal = visit.page;
      await portal.goto(new URL(invitationLink).pathname);
      await portal.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
      await visit.check('accept invitation');
      await portal.getByLabel(/^Password/).fill(CLIENT_PASSWORD);
      await portal.getByRole('button', { name: 'Accept invitation' }).click();
      await portal.getByText('Your invitation is accepted.').waitFor();
      await visit.check('sign in after accepting');
      await signIn(portal, client.email, CLIENT_PASSWORD);

      await portal.waitForURL(/\/portal$/);
      await portal.getByRole('heading', { name: 'Home', level: 2 }).waitFor();
      const sharedNotes = portal.getByRole('region', { name: 'Notes shared with you' }).getByRole('article');
      await sharedNotes.first().waitFor();
      const texts = await sharedNotes.allInnerTexts();
      expect(texts).toHaveLength(shared.length);
      for (const note of shared) expect(texts.some((text) => text.includes(note.body))).toBe(true);
      const everything = await portal.locator('body').innerText();
      for (const note of notes.filter((candidate) => !shared.includes(candidate))) {
        expect(everything).not.toContain(note.body);
      }
      await visit.check('portal home');
    } finally {
      await visit.close();
    }
  });

  it("7. a deep link to a client's profile, opened signed out, goes to sign in and back there after", async () => {
    expect(clientId).not.toBe('');
    const visit = await journey.visit();
    try {
      await visit.page.goto(`/clients/${clientId}`);
      await visit.page.waitForURL(`/sign-in?next=${encodeURIComponent(`/clients/${clientId}`)}`);
      await visit.page.getByRole('button', { name: 'Sign in' }).waitFor();
      await visit.check('deep link signed out');
      await signIn(visit.page, admin.email, PASSWORD);
      await visit.page.waitForURL(`/clients/${clientId}`);
      await visit.page
        .getByRole('heading', { name: `${client.firstName} ${client.lastName}`, level: 2 })
        .waitFor();
      await visit.check('deep link signed in');
    } finally {
      await visit.close();
    }
  });
});
