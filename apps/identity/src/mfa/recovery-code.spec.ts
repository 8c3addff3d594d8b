import { RecoveryCode } from '@arbor/contracts';
import { newRecoveryCodes } from './recovery-code';

describe('recovery codes', () => {
  it('are ten distinct codes in the contract’s format', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(RecoveryCode.safeParse(code).success).toBe(true);
  });

  it('use the whole alphabet over many draws (not a constant or a narrow range)', () => {
    const seen = new Set(newRecoveryCodes(200).join('').replace(/-/g, ''));
    expect(seen.size).toBe(36);
  });
});
