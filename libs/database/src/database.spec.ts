import { databaseNameOf, redactUrl, withDatabaseName } from './database';
import { quoteIdentifier } from './ensure-database';
import { assertTestDatabase } from './test-database';

describe('database names', () => {
  it('refuses to let a test touch a database whose name does not say it is for tests', () => {
    expect(() => assertTestDatabase('postgres://postgres@localhost/arbor_invoicing')).toThrow(
      /must contain "test"/,
    );
    expect(() => assertTestDatabase('postgres://postgres@localhost/contest')).toThrow();
    expect(() => assertTestDatabase('postgres://postgres@localhost/arbor_test_invoicing_1a2b')).not.toThrow();
  });

  it('refuses identifiers that could smuggle SQL into CREATE/DROP DATABASE', () => {
    expect(quoteIdentifier('arbor_notes')).toBe('"arbor_notes"');
    expect(() => quoteIdentifier('x"; DROP DATABASE arbor_notes; --')).toThrow();
  });

  it('reads and replaces the database of a URL, and keeps passwords out of messages', () => {
    const url = 'postgres://arbor:s3cret@db:5432/postgres?sslmode=require';
    expect(databaseNameOf(withDatabaseName(url, 'arbor_notes'))).toBe('arbor_notes');
    expect(withDatabaseName(url, 'arbor_notes')).toContain('sslmode=require');
    expect(redactUrl(url)).not.toContain('s3cret');
  });
});
