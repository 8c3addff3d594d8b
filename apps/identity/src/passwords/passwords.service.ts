import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { hash, verify, type Options } from '@node-rs/argon2';
import { ArborError } from '@arbor/contracts';
import { passwordProblem } from './password-policy';

/**
 * OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane. `Algorithm` is a const enum, which
 * isolated modules cannot read: 2 is `Algorithm.Argon2id`.
 */
export const ARGON2_OPTIONS: Options = {
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};
const CURRENT_PREFIX = '$argon2id$v=19$m=19456,t=2,p=1$';

/** Hashing and checking secrets people know (passwords, recovery codes). */
@Injectable()
export class PasswordsService implements OnModuleInit {
  private dummyHash: string | null = null;

  /**
   * A hash of nothing anyone knows, made once at start. An unknown email is checked against it,
   * so it costs one argon2 verification like a wrong password does: same answer, similar time.
   */
  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hash(randomBytes(32).toString('base64url'));
  }

  hash(secret: string): Promise<string> {
    return hash(secret, ARGON2_OPTIONS);
  }

  /** Checks a secret against a stored hash, or against the dummy one when there is none. */
  async verify(storedHash: string | null | undefined, secret: string): Promise<boolean> {
    const against = storedHash ?? this.dummyHash;
    if (!against) throw new Error('PasswordsService is not initialised');
    const matches = await verify(against, secret).catch(() => false);
    return matches && !!storedHash;
  }

  /** A hash made with older parameters is replaced at the next successful login. */
  needsRehash(storedHash: string): boolean {
    return !storedHash.startsWith(CURRENT_PREFIX);
  }

  /** Refuses a new password the policy does not accept, naming the body field it came in. */
  assertAcceptable(password: string, field: string, context: { email?: string } = {}): void {
    const problem = passwordProblem(password, context);
    if (problem)
      throw ArborError.validation('the password is not acceptable', [{ path: field, message: problem }]);
  }
}
