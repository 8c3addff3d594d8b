import { CreateClientBody } from './create-client.command';
import { taxStateOf } from './client.types';
import { UpdateClientBody } from './update-client.command';

const base = { firstName: ' Avery ', lastName: 'Quinn', email: ' Avery@Example.TEST ' };

describe('client Info contracts', () => {
  it('normalises names, email, state and country', () => {
    const parsed = CreateClientBody.parse({
      ...base,
      address: { line1: '1 Main', city: 'Albany', state: ' ny ', postalCode: '12207', country: 'us' },
    });
    expect(parsed).toMatchObject({
      firstName: 'Avery',
      email: 'avery@example.test',
      address: { state: 'NY', country: 'US' },
    });
  });

  it('requires a US state code for a US address only, naming address.state', () => {
    const us = CreateClientBody.safeParse({
      ...base,
      address: { line1: '1', city: 'x', state: 'Ontario', postalCode: '1', country: 'US' },
    });
    expect(us.success).toBe(false);
    expect(us.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['address.state']);
    const canada = CreateClientBody.safeParse({
      ...base,
      address: { line1: '1', city: 'Toronto', state: 'Ontario', postalCode: 'M5V', country: 'CA' },
    });
    expect(canada.success).toBe(true);
  });

  it('refuses a bad phone, date of birth or email, naming the field', () => {
    for (const [field, value] of [
      ['phone', 'call me'],
      ['dateOfBirth', '1990-13-01'],
      ['email', 'nope'],
    ] as const) {
      const result = CreateClientBody.safeParse({ ...base, [field]: value });
      expect(result.error?.issues[0]?.path).toEqual([field]);
    }
  });

  it('takes a partial update, null clearing an optional field, never an empty one', () => {
    expect(UpdateClientBody.parse({ phone: null })).toEqual({ phone: null });
    expect(UpdateClientBody.safeParse({}).success).toBe(false);
    expect(UpdateClientBody.safeParse({ firstName: null }).success).toBe(false);
  });

  it('tells other services the US state only', () => {
    expect(taxStateOf({ country: 'US', state: 'TX' })).toBe('TX');
    expect(taxStateOf({ country: 'CA', state: 'ON' })).toBeNull();
    expect(taxStateOf(null)).toBeNull();
  });
});
