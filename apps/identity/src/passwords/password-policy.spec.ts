import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('Tr0ub4dor&3-and-then-some')).toBeNull();
    expect(passwordProblem('ünïcødé pässwörd ✓')).toBeNull();
  });

  it('refuses fewer than 12 characters and more than 128', () => {
    expect(passwordProblem('short-pass1')).toBe('must be at least 12 characters');
    expect(passwordProblem('x'.repeat(11) + 'y')).toBeNull();
    expect(passwordProblem('xy'.repeat(64))).toBeNull();
    expect(passwordProblem('xy'.repeat(64) + 'z')).toBe('must be at most 128 characters');
  });

  it.each(['qwerty123456', 'QWERTY123456', 'LeaveMeAlone', '1q2w3e4r5t6y', 'finalfantasy'])(
    'refuses the common password %s whatever its case',
    (password) => {
      expect(passwordProblem(password)).toBe('is a commonly used password: choose another');
    },
  );

  it('refuses one character repeated', () => {
    expect(passwordProblem('aaaaaaaaaaaaaaa')).toBe('repeats one character: choose another');
    expect(passwordProblem('🙂'.repeat(12))).toBe('repeats one character: choose another');
  });

  it('refuses the account’s own email or its local part', () => {
    expect(passwordProblem('Dr.Ana.Lopez@example.org', { email: 'dr.ana.lopez@example.org' })).toBe(
      'must not be your email address',
    );
    expect(passwordProblem('dr.ana.lopez.pt', { email: 'dr.ana.lopez.pt@example.org' })).toBe(
      'must not be your email address',
    );
    expect(passwordProblem('dr.ana.lopez.pt', { email: 'someone.else@example.org' })).toBeNull();
  });
});
