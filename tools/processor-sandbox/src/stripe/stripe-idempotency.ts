import { canonicalForm, type FormObject } from './stripe-form';

/**
 * Idempotent requests as Stripe documents them (https://docs.stripe.com/api/idempotent_requests):
 * the status and body of the first request made with a key are saved, and a retry with the same
 * key and the same parameters gets them back; a retry with other parameters (or against another
 * endpoint) is refused with a 400 `idempotency_error`. Keys are scoped to the API key's account
 * and may be up to 255 characters long. Only POST requests are keyed.
 */

export interface SavedResponse {
  readonly status: number;
  readonly body: string;
}

interface Entry {
  readonly fingerprint: string;
  readonly response: SavedResponse;
}

export type IdempotencyLookup =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly response: SavedResponse }
  | { readonly kind: 'mismatch'; readonly message: string };

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  lookup(account: string, key: string, method: string, path: string, params: FormObject): IdempotencyLookup {
    const entry = this.entries.get(scope(account, key));
    if (!entry) return { kind: 'new' };
    if (entry.fingerprint !== fingerprint(method, path, params)) {
      return {
        kind: 'mismatch',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      };
    }
    return { kind: 'replay', response: entry.response };
  }

  save(
    account: string,
    key: string,
    method: string,
    path: string,
    params: FormObject,
    response: SavedResponse,
  ): void {
    this.entries.set(scope(account, key), { fingerprint: fingerprint(method, path, params), response });
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * The account a key belongs to. The sandbox has one test account per secret key; restricted keys
 * (`rk_test_…`) are separate keys of the same kind.
 */
function scope(account: string, key: string): string {
  return `${account}\u0000${key}`;
}

function fingerprint(method: string, path: string, params: FormObject): string {
  return `${method} ${path} ${canonicalForm(params)}`;
}
