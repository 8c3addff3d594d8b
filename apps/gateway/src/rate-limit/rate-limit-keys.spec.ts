import { addressKey, requesterKey } from './rate-limit-keys';

const verify = (token: string) =>
  token === 'valid.token.sig' ? Promise.resolve({ sub: 'user-1' }) : Promise.reject(new Error('invalid'));

describe('rate limit keys', () => {
  const keyOf = requesterKey(verify);

  it('counts a verified token against its person', async () => {
    const request = { ip: '203.0.113.7', headers: { authorization: 'Bearer valid.token.sig' } };
    await expect(keyOf(request)).resolves.toBe('user:user-1');
  });

  it('counts an invalid, forged or missing token against the address', async () => {
    for (const authorization of ['Bearer forged.token.sig', 'Basic dXNlcg==', undefined]) {
      const request = { ip: '203.0.113.7', headers: { authorization } };
      await expect(keyOf(request)).resolves.toBe('address:203.0.113.7');
    }
  });

  it('counts an IPv6 client by its /64', () => {
    expect(addressKey({ ip: '2001:db8:1:2:aaaa::1', headers: {} })).toBe(
      addressKey({ ip: '2001:db8:1:2:bbbb::9', headers: {} }),
    );
    expect(addressKey({ ip: '2001:db8:1:3::1', headers: {} })).not.toBe(
      addressKey({ ip: '2001:db8:1:2::1', headers: {} }),
    );
  });
});
