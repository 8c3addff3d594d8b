import { ArborError, type Role } from '@arbor/contracts';
import { requireRole } from './access';

function thrown(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('requireRole', () => {
  const roles: Role[] = ['admin', 'provider', 'client'];

  it.each(roles)('lets the %s role through when it is allowed', (role) => {
    expect(() => requireRole({ role }, [role])).not.toThrow();
    expect(() => requireRole({ role }, roles)).not.toThrow();
  });

  it('refuses every role that is not allowed, with forbidden and the caller’s words', () => {
    for (const role of ['provider', 'client'] as const) {
      const error = thrown(() => requireRole({ role }, ['admin'], 'only an Admin sets up billing'));
      expect(error).toBeInstanceOf(ArborError);
      expect(error).toMatchObject({
        code: 'forbidden',
        message: 'only an Admin sets up billing',
        details: { activeRole: role },
      });
    }
  });

  it('names the role when the caller gives no words', () => {
    expect(thrown(() => requireRole({ role: 'client' }, ['admin', 'provider']))).toMatchObject({
      code: 'forbidden',
      message: 'the client role may not do this',
    });
  });

  it('refuses a programming mistake (nobody allowed) loudly, not as a forbidden answer', () => {
    const error = thrown(() => requireRole({ role: 'admin' }, []));
    expect(error).not.toBeInstanceOf(ArborError);
    expect(error).toBeInstanceOf(Error);
  });
});
