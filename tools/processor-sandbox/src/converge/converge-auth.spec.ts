import { authenticateConverge } from './converge-auth';

describe('authenticateConverge', () => {
  const good = {
    ssl_merchant_id: '2020701',
    ssl_user_id: 'apiuser',
    ssl_pin: 'ULV2VQJXA5UR19KFXZ8TUWEFWMFY5MYXJVVOS8JN69EWV8XTN8Y0HYCR8B11DIUU',
  };

  it('accepts any well-formed merchant id, user id and PIN', () => {
    expect(authenticateConverge(good)).toEqual({ ok: true, merchantId: '2020701', userId: 'apiuser' });
    expect(authenticateConverge({ ...good, ssl_merchant_id: '000078', ssl_pin: 'ZKN0S1' }).ok).toBe(true);
  });

  it.each([
    [{ ...good, ssl_merchant_id: '12345' }],
    [{ ...good, ssl_merchant_id: 'abcdefg' }],
    [{ ...good, ssl_user_id: 'a-user' }],
    [{ ...good, ssl_user_id: 'x'.repeat(16) }],
    [{ ...good, ssl_pin: 'p'.repeat(65) }],
  ])('refuses %p with 4025 Invalid Credentials', (fields) => {
    const result = authenticateConverge(fields);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.errorCode).toBe('4025');
  });

  it('names a missing merchant id, PIN or user id', () => {
    const noVid = authenticateConverge({ ssl_user_id: 'u', ssl_pin: 'p' });
    const noPin = authenticateConverge({ ssl_merchant_id: '123456', ssl_user_id: 'u' });
    expect(!noVid.ok && noVid.error.errorCode).toBe('4000');
    expect(!noPin.ok && noPin.error.errorCode).toBe('4013');
    const withoutUser: Record<string, string>[] = [
      { ssl_merchant_id: '2020701', ssl_pin: 'PIN1' },
      { ssl_merchant_id: '2020701', ssl_user_id: '', ssl_pin: 'PIN1' },
    ];
    for (const fields of withoutUser) {
      const noUser = authenticateConverge(fields);
      expect(!noUser.ok && noUser.error).toEqual({
        errorCode: '4019',
        errorName: 'User ID not supplied',
        errorMessage: 'The User ID was not supplied in the authorization request.',
      });
    }
  });
});
