import { describe, expect, it } from 'vitest';
import {
  AuthorizeNetCredentials,
  ElavonCredentials,
  ProcessorType,
  StripeCredentials,
} from '@arbor/contracts';
import { AddProcessorForm, blankCredentials, CREDENTIAL_FIELDS } from './processor-form';

const CONTRACT = {
  stripe: StripeCredentials,
  authorize_net: AuthorizeNetCredentials,
  elavon: ElavonCredentials,
};

describe('the Add Processor form', () => {
  it.each(ProcessorType.options)(
    'has a field for every %s credential, named as the contract (and the gateway’s error paths) name it',
    (type) => {
      expect(CREDENTIAL_FIELDS[type].map((field) => field.name).sort()).toEqual(
        Object.keys(CONTRACT[type].shape).sort(),
      );
      const optional = Object.entries(CONTRACT[type].shape)
        .filter(([, schema]) => schema.safeParse(undefined).success)
        .map(([name]) => name);
      expect(CREDENTIAL_FIELDS[type].filter((field) => field.optional).map((field) => field.name)).toEqual(
        optional,
      );
    },
  );

  it('names an empty required credential by its path, and lets a blank optional one through', () => {
    const result = AddProcessorForm.safeParse({
      description: 'Main',
      type: 'stripe',
      credentials: blankCredentials('stripe'),
    });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'credentials.secretKey',
      'credentials.publishableKey',
    ]);
  });
});
