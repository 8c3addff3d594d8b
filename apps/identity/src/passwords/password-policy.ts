import { dictionary } from '@zxcvbn-ts/language-common';
import { NewPassword } from '@arbor/contracts';

let commonPasswords: ReadonlySet<string> | null = null;

/**
 * The ~49,000 most common passwords of zxcvbn-ts's `passwords-common` list (maintained, MIT), lower-cased,
 * loaded once on first use.
 */
function common(): ReadonlySet<string> {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
  return commonPasswords;
}

/**
 * Why a new password is refused, or null when it is acceptable. The policy is NIST SP 800-63B's:
 * length (12..128, the contracts' `NewPassword`), not a commonly used password (compared without
 * regard to case), not the account's own email, not one character repeated. No composition rules.
 */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  const length = NewPassword.safeParse(password);
  if (!length.success) return length.error.issues[0]?.message ?? 'is not an acceptable password';
  const folded = password.toLowerCase();
  if (common().has(folded)) return 'is a commonly used password: choose another';
  if (/^(.)\1*$/su.test(password)) return 'repeats one character: choose another';
  const email = context.email?.toLowerCase();
  if (email && (folded === email || folded === email.split('@')[0])) {
    return 'must not be your email address';
  }
  return null;
}
