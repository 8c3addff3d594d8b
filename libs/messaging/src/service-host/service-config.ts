import { z } from 'zod';
import { withDatabaseName } from '@arbor/database';
import type { ServiceHostConfig } from './service-host';

export type Environment = Readonly<Record<string, string | undefined>>;

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** `service-enablement` → `SERVICE_ENABLEMENT`, `arbor_service_enablement`. */
export function envPrefix(service: string): string {
  return service.toUpperCase().replace(/-/g, '_');
}
export function defaultDatabaseName(service: string): string {
  return `arbor_${service.replace(/-/g, '_')}`;
}

/**
 * Reads a setting the Arbor way: `ARBOR_<SERVICE>_<NAME>` wins over the shared `ARBOR_<NAME>`,
 * which wins over the default (the local services of a developer machine).
 */
export function settingReader(env: Environment, service: string) {
  const prefix = envPrefix(service);
  return (name: string): string | undefined => {
    const value = env[`ARBOR_${prefix}_${name}`] ?? env[`ARBOR_${name}`];
    return value === '' ? undefined : value;
  };
}

const Url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a ${protocols.join(' or ')}// URL`,
  );

const HostConfig = z.object({
  databaseUrl: Url(['postgres:', 'postgresql:']),
  rabbitmqUrl: Url(['amqp:', 'amqps:']),
  busNamespace: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and -'),
  opsPort: z.coerce.number().int().min(0).max(65535),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  rpcTimeoutMs: z.coerce.number().int().min(100).max(120_000),
});

/**
 * The settings every service has, validated: a wrong value stops the service at start with a
 * message naming the variable, instead of failing later in some request.
 */
export function readServiceHostConfig(
  env: Environment,
  service: string,
  defaults: { opsPort: number },
): ServiceHostConfig {
  const read = settingReader(env, service);
  const postgres = read('POSTGRES_URL') ?? DEFAULT_POSTGRES_URL;
  const raw = {
    databaseUrl:
      env[`ARBOR_${envPrefix(service)}_DATABASE_URL`] ||
      replaceDatabase(postgres, defaultDatabaseName(service)),
    rabbitmqUrl: read('RABBITMQ_URL') ?? 'amqp://guest:guest@127.0.0.1:5672',
    busNamespace: read('BUS_NAMESPACE') ?? 'arbor',
    opsPort: read('OPS_PORT') ?? defaults.opsPort,
    logLevel: read('LOG_LEVEL') ?? 'info',
    rpcTimeoutMs: read('RPC_TIMEOUT_MS') ?? 5000,
  };
  return parseConfig(HostConfig, raw, service);
}

const JobsConfig = z.object({ redisUrl: Url(['redis:', 'rediss:']) });

/**
 * For a service that runs background jobs: where its Redis is (`ARBOR_<SERVICE>_REDIS_URL`, else
 * `ARBOR_REDIS_URL`, else the local one). The result goes to `startService({ jobs })`.
 */
export function readJobsConfig(env: Environment, service: string): { readonly redisUrl: string } {
  const read = settingReader(env, service);
  return parseConfig(JobsConfig, { redisUrl: read('REDIS_URL') ?? 'redis://127.0.0.1:6379' }, service);
}

/** Validates a config object, naming the offending setting in the error. */
export function parseConfig<T extends z.ZodType>(schema: T, raw: unknown, service: string): z.infer<T> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    throw new Error(`invalid ${service} configuration:\n${problems}`);
  }
  return result.data;
}

function replaceDatabase(serverUrl: string, name: string): string {
  try {
    return withDatabaseName(serverUrl, name);
  } catch {
    return serverUrl; // not a URL: validation names the setting
  }
}
