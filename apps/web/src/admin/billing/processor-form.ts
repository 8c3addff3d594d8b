import { z } from 'zod';
import {
  AuthorizeNetCredentials,
  ElavonCredentials,
  ProcessorDescription,
  StripeCredentials,
  type ProcessorType,
} from '@arbor/contracts';
import { blankAsAbsent, filledIn } from '../form-fields';

export const PROCESSOR_LABEL: Record<ProcessorType, string> = {
  authorize_net: 'Authorize.net',
  elavon: 'Elavon',
  stripe: 'Stripe',
};

/** The Processor Type choices, in the order the product lists them. */
export const PROCESSOR_CHOICES = (['authorize_net', 'elavon', 'stripe'] as const).map((value) => ({
  value,
  label: PROCESSOR_LABEL[value],
}));

interface CredentialField<Name extends string> {
  readonly name: Name;
  readonly label: string;
  /** Where the Admin finds it in the processor's own dashboard. */
  readonly description: string;
  /** Shown as a password field: a secret that lets someone move money. */
  readonly secret: boolean;
  readonly optional?: boolean;
}

type FieldsOf<S extends z.ZodObject> = ReadonlyArray<CredentialField<keyof z.input<S> & string>>;

/**
 * Each processor's credential fields, named exactly as the contract names them (so the
 * gateway's `credentials.secretKey` errors land on the field of that name), in dashboard order.
 */
export const CREDENTIAL_FIELDS: {
  readonly stripe: FieldsOf<typeof StripeCredentials>;
  readonly authorize_net: FieldsOf<typeof AuthorizeNetCredentials>;
  readonly elavon: FieldsOf<typeof ElavonCredentials>;
} = {
  stripe: [
    {
      name: 'secretKey',
      label: 'Secret key',
      description: 'Stripe Dashboard → Developers → API keys → Secret key (sk_live_… or sk_test_…).',
      secret: true,
    },
    {
      name: 'publishableKey',
      label: 'Publishable key',
      description: 'Stripe Dashboard → Developers → API keys → Publishable key (pk_live_… or pk_test_…).',
      secret: false,
    },
    {
      name: 'webhookSecret',
      label: 'Webhook signing secret',
      description:
        'Optional. Stripe Dashboard → Developers → Webhooks → your Arbor endpoint → Signing secret (whsec_…).',
      secret: true,
      optional: true,
    },
  ],
  authorize_net: [
    {
      name: 'apiLoginId',
      label: 'API Login ID',
      description: 'Merchant Interface → Account → Settings → API Credentials & Keys → API Login ID.',
      secret: false,
    },
    {
      name: 'transactionKey',
      label: 'Transaction Key',
      description:
        'Merchant Interface → Account → Settings → API Credentials & Keys → New Transaction Key (16 characters, shown once).',
      secret: true,
    },
    {
      name: 'publicClientKey',
      label: 'Public Client Key',
      description: 'Merchant Interface → Account → Settings → Manage Public Client Key.',
      secret: false,
    },
    {
      name: 'signatureKey',
      label: 'Signature Key',
      description:
        'Optional. Merchant Interface → Account → Settings → API Credentials & Keys → New Signature Key (128 characters).',
      secret: true,
      optional: true,
    },
  ],
  elavon: [
    {
      name: 'merchantId',
      label: 'Merchant ID',
      description:
        'Your Converge account ID, digits only: in Elavon’s welcome email, and in Converge → Settings → My User.',
      secret: false,
    },
    {
      name: 'userId',
      label: 'User ID',
      description:
        'The Converge user Arbor charges as (an API user is best): Converge → Settings → My User → User ID.',
      secret: false,
    },
    {
      name: 'pin',
      label: 'PIN',
      description:
        "That user's terminal PIN: Converge → Settings → My User / Terminal (generate one if there is none).",
      secret: true,
    },
  ],
};

/** The label of a credential as the API names it (`secretKey` → "Secret key"), for masked values. */
export function credentialLabel(type: ProcessorType, name: string): string {
  const fields: ReadonlyArray<CredentialField<string>> = CREDENTIAL_FIELDS[type];
  return fields.find((field) => field.name === name)?.label ?? name;
}

const description = filledIn(ProcessorDescription, 'Enter a description, such as the account it pays into');

/**
 * The Add Processor form: the contract's own credential schemas, with an optional field left
 * blank not sent at all (the contract refuses an empty webhook secret, and rightly).
 */
export const AddProcessorForm = z.discriminatedUnion('type', [
  z.object({
    description,
    type: z.literal('stripe'),
    credentials: StripeCredentials.extend({
      webhookSecret: blankAsAbsent(StripeCredentials.shape.webhookSecret),
    }),
  }),
  z.object({
    description,
    type: z.literal('authorize_net'),
    credentials: AuthorizeNetCredentials.extend({
      signatureKey: blankAsAbsent(AuthorizeNetCredentials.shape.signatureKey),
    }),
  }),
  z.object({ description, type: z.literal('elavon'), credentials: ElavonCredentials }),
]);
export type AddProcessorFormValues = z.input<typeof AddProcessorForm>;
type CredentialsFor = {
  [T in ProcessorType]: Extract<AddProcessorFormValues, { type: T }>['credentials'];
};

/** Every field of a type's credentials, empty: what the form starts with when the type is chosen. */
export function blankCredentials<T extends ProcessorType>(type: T): CredentialsFor[T] {
  const fields: ReadonlyArray<CredentialField<string>> = CREDENTIAL_FIELDS[type];
  return Object.fromEntries(fields.map((field) => [field.name, ''])) as CredentialsFor[T];
}
