import type { ChargeKeyStatus } from '@arbor/contracts';
import type { ChargeClaimRow } from './invoices.repository';

/** How invoicing treats a claim on an invoice held by a key that never came back. */
export interface ChargeClaimSettings {
  /** Past this age, another key's claim is looked into (payments asked what its key did). */
  readonly staleAfterMs: number;
}

export const CHARGE_CLAIM_SETTINGS = Symbol('CHARGE_CLAIM_SETTINGS');

/**
 * What a pay with `idempotencyKey` does about the invoice's claim. `claim`: nobody holds it;
 * `own`: the caller's key does (a retry); `wait`: another key took it too recently for its
 * charge request to be surely over; `ask`: another key took it long ago, and payments must say
 * what that key did before anyone else may pay.
 */
export type ClaimVerdict = 'claim' | 'own' | 'wait' | 'ask';

export function claimVerdict(
  claim: Pick<ChargeClaimRow, 'idempotencyKey' | 'claimedAt'> | undefined,
  idempotencyKey: string,
  now: Date,
  settings: ChargeClaimSettings,
): ClaimVerdict {
  if (!claim) return 'claim';
  if (claim.idempotencyKey === idempotencyKey) return 'own';
  return now.getTime() - claim.claimedAt.getTime() < settings.staleAfterMs ? 'wait' : 'ask';
}

/**
 * What payments' answer about the old key means for the new one. `take_over`: the old key charged
 * nothing and, closed, never will; `apply`: it charged, so the invoice is paid with that payment;
 * `under_way`: its outcome is still unknown (payments' recovery settles it, and its event applies
 * the payment or lifts the claim).
 */
export type TakeoverVerdict =
  | { readonly kind: 'take_over' }
  | {
      readonly kind: 'apply';
      readonly payment: { readonly attemptId: string; readonly amount: number; readonly currency: string };
    }
  | { readonly kind: 'under_way' };

export function takeoverVerdict(old: ChargeKeyStatus): TakeoverVerdict {
  switch (old.status) {
    case 'none':
    case 'failed':
      return { kind: 'take_over' };
    case 'succeeded':
      return {
        kind: 'apply',
        payment: { attemptId: old.attemptId, amount: old.amount, currency: old.currency },
      };
    case 'in_flight':
      return { kind: 'under_way' };
  }
}
