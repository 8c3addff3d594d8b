import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps a path of this app, with its query', () => {
    expect(safeNext('/clients/0193?tab=notes')).toBe('/clients/0193?tab=notes');
  });

  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', 'clients', '', null])(
    'drops %s, which would leave the app',
    (next) => {
      expect(safeNext(next)).toBeUndefined();
    },
  );

  it('never returns to the sign-in page or a used invitation', () => {
    expect(safeNext('/sign-in?next=/x')).toBeUndefined();
    expect(safeNext('/invitations/abc')).toBeUndefined();
  });
});
