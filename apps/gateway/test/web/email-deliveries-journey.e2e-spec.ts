// Real: the built web app (dist/web) served by the gateway on its own origin, in Debian's headless
// chromium; identity and notifications as built apps in their own processes; nodemailer in
// notifications talking SMTP to a real SMTP server (smtp-server, started here) that refuses every
// recipient; RabbitMQ, PostgreSQL, Redis. Faked: nothing.
import { eventually } from '@arbor/testing';
import { signUpAsAdmin } from '../identity-helpers';
import { MAIL_REFUSAL, startRefusingMailServer } from '../refusing-mail-server';
import { Journey, VIEWPORTS, type ViewportName } from './browser';
import { goToTab, signIn, switchRole } from './screens';
import { platformWithBrowser } from './web-platform';

const PASSWORD = 'maple-syrup-on-tuesdays';

let mail: Awaited<ReturnType<typeof startRefusingMailServer>>;

beforeAll(async () => {
  mail = await startRefusingMailServer();
});
afterAll(() => mail?.close());

const web = platformWithBrowser('web-email', ['identity', 'notifications'], () => ({
  env: { notifications: { ARBOR_NOTIFICATIONS_SMTP_URL: mail.url } },
}));

describe.each(Object.keys(VIEWPORTS) as ViewportName[])(
  'Undelivered email at the %s viewport',
  (viewport) => {
    const email = `ada-${viewport}@maple.test`;
    const invitee = `pat-${viewport}@maple.test`;

    it('shows the Admin the staff invitation the mail server refused, in plain words', async () => {
      const admin = await signUpAsAdmin(web.platform.api, `Maple Counselling (${viewport})`, email, PASSWORD);
      const invited = await web.platform.api.call('POST', `/practices/${admin.practiceId}/staff`, {
        token: admin.adminToken,
        body: { name: 'Pat Provider', email: invitee, roles: ['provider'] },
      });
      expect(invited.status).toBe(201);
      // The list is only worth opening once notifications has given up on the email.
      await eventually(
        async () => {
          const listed = await web.platform.api.call(
            'GET',
            `/practices/${admin.practiceId}/email-deliveries/failed`,
            { token: admin.adminToken },
          );
          expect(listed.body['items']).toHaveLength(1);
        },
        { timeoutMs: 15_000 },
      );

      const visit = await new Journey(
        web.browser,
        viewport,
        web.platform.webOrigin,
        `email-deliveries-${viewport}`,
      ).visit();
      try {
        const { page } = visit;
        await page.goto('/sign-in');
        await signIn(page, email, PASSWORD);
        await switchRole(page, 'Admin');
        await page.getByRole('heading', { name: 'Services', level: 2 }).waitFor();
        await goToTab(page, viewport, 'Undelivered email');
        const item = page.getByRole('listitem', { name: `Staff invitation to ${invitee}` });
        await item.waitFor();
        await expect(item.getByText(/refused this address/).textContent()).resolves.toBeTruthy();
        await expect(item.getByText(MAIL_REFUSAL, { exact: false }).count()).resolves.toBe(1);
        await expect(item.getByText(/after 1 try$/).count()).resolves.toBe(1);
        await visit.check('undelivered email');
      } finally {
        await visit.close();
      }
    });
  },
);
