/**
 * The sandbox's configuration, read from the environment once at start (the only reader of
 * `process.env` in this tool). `ARBOR_SANDBOX_PORT` defaults to 12111.
 */
export interface ProcessorSandboxConfig {
  readonly port: number;
  readonly host: '127.0.0.1';
}

export const DEFAULT_SANDBOX_PORT = 12111;

export function loadSandboxConfig(env: NodeJS.ProcessEnv = process.env): ProcessorSandboxConfig {
  const raw = env['ARBOR_SANDBOX_PORT'];
  if (raw === undefined || raw.trim() === '') return { port: DEFAULT_SANDBOX_PORT, host: '127.0.0.1' };
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`ARBOR_SANDBOX_PORT must be a port number (0-65535), got "${raw}"`);
  }
  return { port, host: '127.0.0.1' };
}
