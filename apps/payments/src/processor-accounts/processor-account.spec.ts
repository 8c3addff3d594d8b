import { mask, maskAll, parseCredentials } from './processor-account';

describe('processor account rules', () => {
  it('shows no more of a secret than its last four characters', () => {
    expect(mask('sk_test_51Habcdefghij1234')).toBe('••••1234');
    expect(maskAll({ merchantId: '0017340', userId: 'webpage', pin: 'ABC123DEF456' })).toEqual({
      merchantId: '••••7340',
      userId: '••••page',
      pin: '••••F456',
    });
  });

  it('checks credentials against the account’s processor and names each bad field', () => {
    expect(() => parseCredentials('elavon', { merchantId: '0017340', userId: 'webpage' })).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        details: { errors: [expect.objectContaining({ path: 'credentials.pin' })] },
      }),
    );
    expect(
      parseCredentials('stripe', {
        secretKey: 'sk_test_51Habcdefghij',
        publishableKey: 'pk_test_51Habcdefghij',
      }),
    ).toEqual({
      secretKey: 'sk_test_51Habcdefghij',
      publishableKey: 'pk_test_51Habcdefghij',
    });
  });
});
