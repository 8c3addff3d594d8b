import { ArborError, type Actor } from '@arbor/contracts';

/** Billing setup (processors, sales tax) is an Admin's alone, in whatever service it lives. */
export function requireBillingAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ArborError('forbidden', 'only an Admin sets up billing');
}
