import { type z } from 'zod';
import {
  ArborError,
  AuthorizeNetCredentials,
  ElavonCredentials,
  fieldErrors,
  StripeCredentials,
  type ProcessorAccountView,
  type ProcessorType,
} from '@arbor/contracts';

export type Credentials = Record<string, string>;

/**
 * Far more than any practice needs (one active account, a few kept for switching back), low
 * enough that a script or a bug cannot fill the table: accounts beyond it are refused.
 */
export const MAX_PROCESSOR_ACCOUNTS_PER_PRACTICE = 20;

export interface ProcessorAccount {
  readonly id: string;
  readonly practiceId: string;
  readonly description: string;
  readonly type: ProcessorType;
  readonly sealedCredentials: string;
  readonly maskedCredentials: Credentials;
  readonly active: boolean;
  readonly createdAt: Date;
}

const CREDENTIALS: Record<ProcessorType, z.ZodType<Credentials>> = {
  stripe: StripeCredentials,
  authorize_net: AuthorizeNetCredentials,
  elavon: ElavonCredentials,
};

/** Checks a full set of credentials against what the account's processor needs, naming each field. */
export function parseCredentials(type: ProcessorType, credentials: unknown): Credentials {
  const result = CREDENTIALS[type].safeParse(credentials);
  if (!result.success) {
    throw ArborError.validation(`invalid ${type} credentials`, fieldErrors(result.error, 'credentials'));
  }
  return result.data;
}

/** What a read may show of a secret: its last four characters. */
export function mask(value: string): string {
  return `••••${value.slice(-4)}`;
}

export function maskAll(credentials: Credentials): Credentials {
  return Object.fromEntries(Object.entries(credentials).map(([field, value]) => [field, mask(value)]));
}

export function toView(account: ProcessorAccount): ProcessorAccountView {
  return {
    id: account.id,
    description: account.description,
    type: account.type,
    active: account.active,
    credentials: { ...account.maskedCredentials },
    createdAt: account.createdAt.toISOString(),
  };
}
