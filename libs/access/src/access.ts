import { ArborError, type Actor, type Role } from '@arbor/contracts';

/**
 * The one way a service checks what its caller may do. The gateway already refused a role the
 * route does not allow and answered 404 for another practice's routes; a service checks again
 * with this, because it cannot tell whether a message came through the gateway (a replica of
 * another service, a script on the bus, a gateway bug) and because a wrong answer here leaks
 * clinical or billing data.
 *
 * The practice is re-checked by scoping: every query a service runs for an actor is limited to
 * `actor.practiceId`, so another practice's ids answer `not_found` like ids that never existed.
 * This module does no I/O; a service that must also re-check the actor against its own data
 * (identity: does the person still hold the role?) does that after it.
 */

/**
 * The actor acts as one of `allowed`; `forbidden` otherwise, with `why` as the message the
 * caller reads (plain words: "only an Admin sets up billing").
 */
export function requireRole(actor: Pick<Actor, 'role'>, allowed: readonly Role[], why?: string): void {
  if (allowed.length === 0) throw new Error('requireRole needs at least one allowed role');
  if (!allowed.includes(actor.role)) {
    throw new ArborError('forbidden', why ?? `the ${actor.role} role may not do this`, {
      activeRole: actor.role,
    });
  }
}
