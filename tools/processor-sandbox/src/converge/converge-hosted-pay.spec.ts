import { ConvergeFake, HOSTED_SESSION_LIFETIME_MS, type ConvergeAnswer } from './converge.service';

const CREDENTIALS = { ssl_merchant_id: '123456', ssl_user_id: 'apiuser', ssl_pin: 'PIN1234567890' };
const CARD = { ssl_card_number: '4000000000000002', ssl_exp_date: '1235', ssl_cvv2cvc2: '123' };

function setup() {
  let now = new Date('2030-03-04T17:05:06Z');
  const fake = new ConvergeFake(() => now);
  const session = (type: string, extra: Record<string, string> = {}) => {
    const answer = fake.createSessionToken({ ...CREDENTIALS, ssl_transaction_type: type, ...extra });
    if (answer.kind !== 'token') throw new Error('no session token');
    return answer.token;
  };
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return { fake, session, later };
}

function fields(answer: ConvergeAnswer): Record<string, string> {
  if (answer.kind !== 'txn') throw new Error(`expected a txn, got ${JSON.stringify(answer)}`);
  return Object.fromEntries(answer.fields);
}

function errorCode(answer: ConvergeAnswer): string | undefined {
  return answer.kind === 'error' ? answer.error.errorCode : undefined;
}

describe('Converge Hosted Payments session (Checkout.js pay)', () => {
  it('runs a ccgettoken session: an ssl_token the XML ccsale then charges for that merchant', () => {
    const { fake, session } = setup();
    const got = fields(fake.payHostedSession({ ssl_txn_auth_token: session('ccgettoken'), ...CARD }));
    expect(got).toMatchObject({
      ssl_result: '0',
      ssl_token_response: 'SUCCESS',
      ssl_card_number: '40**********0002',
    });
    const sale = fields(
      fake.handle({
        ...CREDENTIALS,
        ssl_transaction_type: 'ccsale',
        ssl_amount: '10.00',
        ssl_token: got['ssl_token']!,
      }),
    );
    expect(sale).toMatchObject({ ssl_result: '0' });
  });

  it('spends the token on first use, whatever the outcome', () => {
    const { fake, session } = setup();
    const token = session('ccgettoken');
    expect(
      errorCode(
        fake.payHostedSession({ ssl_txn_auth_token: token, ...CARD, ssl_card_number: '4000000000000003' }),
      ),
    ).toBe('5000');
    expect(errorCode(fake.payHostedSession({ ssl_txn_auth_token: token, ...CARD }))).toBe('5087');
  });

  it('refuses a token older than 15 minutes, and one it never issued', () => {
    const { fake, session, later } = setup();
    const fresh = session('ccgettoken');
    const stale = session('ccgettoken');
    later(HOSTED_SESSION_LIFETIME_MS - 1000);
    expect(fake.payHostedSession({ ssl_txn_auth_token: fresh, ...CARD }).kind).toBe('txn');
    later(2000);
    expect(errorCode(fake.payHostedSession({ ssl_txn_auth_token: stale, ...CARD }))).toBe('5087');
    expect(errorCode(fake.payHostedSession({ ssl_txn_auth_token: 'made-up', ...CARD }))).toBe('5087');
  });

  it("runs a ccsale session for the session's amount, whatever amount or type the browser sends", () => {
    const { fake, session } = setup();
    const token = session('ccsale', { ssl_amount: '12.05' });
    const answer = fields(
      fake.payHostedSession({
        ssl_txn_auth_token: token,
        ...CARD,
        ssl_amount: '12.00',
        ssl_transaction_type: 'ccgettoken',
      }),
    );
    expect(answer).toMatchObject({ ssl_result: '1', ssl_amount: '12.05' });
  });
});
