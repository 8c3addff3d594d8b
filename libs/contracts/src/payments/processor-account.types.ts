import { z } from 'zod';
import { Id, IsoDateTime, SafeString } from '../common';

const Secret = (pattern: RegExp, message: string) => SafeString.trim().max(255).regex(pattern, message);

/** What each processor needs, as its dashboard names it (Billing → Setup). */
export const StripeCredentials = z.object({
  secretKey: Secret(
    /^(sk|rk)_(test|live)_[A-Za-z0-9]{10,}$/,
    'must be a Stripe secret key (sk_test_… or sk_live_…)',
  ),
  publishableKey: Secret(
    /^pk_(test|live)_[A-Za-z0-9]{10,}$/,
    'must be a Stripe publishable key (pk_test_… or pk_live_…)',
  ),
  webhookSecret: Secret(
    /^whsec_[A-Za-z0-9]{10,}$/,
    'must be a Stripe webhook signing secret (whsec_…)',
  ).optional(),
});
export const AuthorizeNetCredentials = z.object({
  apiLoginId: Secret(/^[A-Za-z0-9]{1,25}$/, 'must be the API Login ID (up to 25 letters and digits)'),
  transactionKey: Secret(/^[A-Za-z0-9]{16}$/, 'must be the 16-character Transaction Key'),
  publicClientKey: Secret(/^[A-Za-z0-9]{20,128}$/, 'must be the Public Client Key'),
  signatureKey: Secret(/^[A-Fa-f0-9]{128}$/, 'must be the 128-hex-digit Signature Key').optional(),
});
export const ElavonCredentials = z.object({
  merchantId: Secret(/^[0-9]{6,16}$/, 'must be the Converge account (merchant) ID'),
  userId: Secret(/^[A-Za-z0-9_.@-]{1,64}$/, 'must be the Converge user ID'),
  pin: Secret(/^[A-Za-z0-9]{6,64}$/, 'must be the Converge terminal PIN'),
});

export const ProcessorType = z.enum(['stripe', 'authorize_net', 'elavon']);
export type ProcessorType = z.infer<typeof ProcessorType>;

export const ProcessorCredentials = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stripe'), credentials: StripeCredentials }),
  z.object({ type: z.literal('authorize_net'), credentials: AuthorizeNetCredentials }),
  z.object({ type: z.literal('elavon'), credentials: ElavonCredentials }),
]);
export type ProcessorCredentials = z.infer<typeof ProcessorCredentials>;

/** A processor account as every read shows it: credentials masked (`••••1234`), never whole. */
export const ProcessorAccountView = z.object({
  id: Id,
  description: z.string(),
  type: ProcessorType,
  active: z.boolean(),
  credentials: z.record(z.string(), z.string()),
  createdAt: IsoDateTime,
});
export type ProcessorAccountView = z.infer<typeof ProcessorAccountView>;

export const ProcessorDescription = SafeString.trim().min(1).max(200);
