import { randomBytes } from 'node:crypto';
import { newKeyEncryptionKey } from '@arbor/crypto';
import { loadClientRecordsConfig, loadClientRecordsHostConfig } from './client-records.config';

const SEARCH_KEY = randomBytes(32);
const ENV = {
  ARBOR_CLIENT_RECORDS_KEY_ENCRYPTION_KEYS: `k1:${newKeyEncryptionKey()}`,
  ARBOR_CLIENT_RECORDS_SEARCH_KEY: SEARCH_KEY.toString('base64'),
};

describe('client-records configuration', () => {
  it('reads its keys: the key ring and the search key', () => {
    const config = loadClientRecordsConfig(ENV);
    expect(config.keyEncryptionKeys.activeKeyId).toBe('k1');
    expect(config.searchKey.equals(SEARCH_KEY)).toBe(true);
    expect(config.opsPort).toBe(9402);
  });

  it('refuses to start without either key, or with a search key that is not 32 bytes, naming it', () => {
    expect(() =>
      loadClientRecordsConfig({ ...ENV, ARBOR_CLIENT_RECORDS_KEY_ENCRYPTION_KEYS: undefined }),
    ).toThrow(/keyEncryptionKeys/);
    expect(() => loadClientRecordsConfig({ ...ENV, ARBOR_CLIENT_RECORDS_SEARCH_KEY: undefined })).toThrow(
      /searchKey/,
    );
    expect(() =>
      loadClientRecordsConfig({
        ...ENV,
        ARBOR_CLIENT_RECORDS_SEARCH_KEY: randomBytes(16).toString('base64'),
      }),
    ).toThrow(/searchKey: must be base64 of 32 random bytes/);
  });

  it('lets the migrate step run without the keys', () => {
    expect(loadClientRecordsHostConfig({}).databaseUrl).toMatch(/arbor_client_records$/);
  });
});
