import { readJobsConfig, readServiceHostConfig } from './service-config';

describe('service configuration', () => {
  it('defaults to the local services of a developer machine', () => {
    expect(readServiceHostConfig({}, 'service-enablement', { opsPort: 9404 })).toEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/arbor_service_enablement',
      rabbitmqUrl: 'amqp://guest:guest@127.0.0.1:5672',
      busNamespace: 'arbor',
      opsPort: 9404,
      logLevel: 'info',
      rpcTimeoutMs: 5000,
    });
  });

  it('lets a service-specific variable win over the shared one', () => {
    const config = readServiceHostConfig(
      {
        ARBOR_RABBITMQ_URL: 'amqp://shared:x@mq:5672',
        ARBOR_NOTES_RABBITMQ_URL: 'amqp://notes:x@mq:5672',
        ARBOR_POSTGRES_URL: 'postgres://arbor:pw@db:5432/postgres',
        ARBOR_LOG_LEVEL: 'warn',
      },
      'notes',
      { opsPort: 9403 },
    );
    expect(config.rabbitmqUrl).toBe('amqp://notes:x@mq:5672');
    expect(config.databaseUrl).toBe('postgres://arbor:pw@db:5432/arbor_notes');
    expect(config.logLevel).toBe('warn');
  });

  it('refuses a bad value at start, naming the setting', () => {
    expect(() => readServiceHostConfig({ ARBOR_RABBITMQ_URL: 'http://mq' }, 'notes', { opsPort: 1 })).toThrow(
      /invalid notes configuration:\n {2}rabbitmqUrl: must be a amqp: or amqps:\/\/ URL/,
    );
    expect(() => readServiceHostConfig({ ARBOR_NOTES_OPS_PORT: 'ninety' }, 'notes', { opsPort: 1 })).toThrow(
      /opsPort/,
    );
  });

  it('reads the Redis of a service that runs jobs, service-specific first', () => {
    expect(readJobsConfig({}, 'payments')).toEqual({ redisUrl: 'redis://127.0.0.1:6379' });
    expect(
      readJobsConfig(
        { ARBOR_REDIS_URL: 'redis://shared:6379', ARBOR_PAYMENTS_REDIS_URL: 'rediss://:pw@payments:6380' },
        'payments',
      ),
    ).toEqual({ redisUrl: 'rediss://:pw@payments:6380' });
    expect(() => readJobsConfig({ ARBOR_REDIS_URL: 'http://cache' }, 'payments')).toThrow(
      /invalid payments configuration:\n {2}redisUrl: must be a redis: or rediss:\/\/ URL/,
    );
  });
});
