import { createHmac } from 'node:crypto';
import { anetSignatureHeader, anetTransHashSha2, newSignatureKey } from './anet-signature';

describe('anetSignatureHeader', () => {
  const key = newSignatureKey();
  const body = '{"notificationId":"n1","eventType":"net.authorize.payment.authcapture.created"}';

  it('is sha512= and the upper-case hex HMAC-SHA512 of the body keyed with the key text', () => {
    const expected = createHmac('sha512', key).update(body).digest('hex').toUpperCase();
    expect(anetSignatureHeader(body, key)).toBe(`sha512=${expected}`);
    expect(anetSignatureHeader(body, key)).toMatch(/^sha512=[0-9A-F]{128}$/);
  });

  it('changes with the body and with the key', () => {
    expect(anetSignatureHeader(`${body} `, key)).not.toBe(anetSignatureHeader(body, key));
    expect(anetSignatureHeader(body, newSignatureKey())).not.toBe(anetSignatureHeader(body, key));
  });

  it('makes 128-hex-character signature keys', () => expect(newSignatureKey()).toMatch(/^[0-9A-F]{128}$/));
});

describe('anetTransHashSha2', () => {
  it('hashes ^login^transId^amount^ with the hex-decoded key', () => {
    const key = newSignatureKey();
    const expected = createHmac('sha512', Buffer.from(key, 'hex'))
      .update('^login^60001^12.34^')
      .digest('hex')
      .toUpperCase();
    expect(anetTransHashSha2(key, 'login', '60001', '12.34')).toBe(expected);
  });
});
