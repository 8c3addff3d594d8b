import {
  readJobsConfig,
  readServiceHostConfig,
  type Environment,
  type ServiceHostConfig,
} from '@arbor/messaging';

export const SERVICE_NAME = 'notifications';

export interface NotificationsConfig extends ServiceHostConfig {
  /** Where its background jobs live (`ARBOR_NOTIFICATIONS_REDIS_URL`, else `ARBOR_REDIS_URL`). */
  readonly jobs: { readonly redisUrl: string };
}

/** The only reader of the environment in this app; see docs/runtime-names.md for every variable. */
export function loadNotificationsConfig(env: Environment = process.env): NotificationsConfig {
  return {
    ...readServiceHostConfig(env, SERVICE_NAME, { opsPort: 9407 }),
    jobs: readJobsConfig(env, SERVICE_NAME),
  };
}
