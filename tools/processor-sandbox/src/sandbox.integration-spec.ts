/**
 * Real: the sandbox's HTTP server on 127.0.0.1 and its control API, and the CLI entry point run
 * as a child process. Faked: nothing else is involved.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { startProcessorSandbox } from './sandbox';

describe('processor sandbox server', () => {
  it('listens on 127.0.0.1 only', async () => {
    await expect(startProcessorSandbox({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
    const sandbox = await startProcessorSandbox({ port: 0, host: '127.0.0.1' });
    try {
      expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
      expect(await (await fetch(`${sandbox.url}/_sandbox/health`)).json()).toEqual({ ok: true });
      expect((await fetch(`${sandbox.url}/nowhere`)).status).toBe(404);
    } finally {
      await sandbox.close();
    }
  });

  it('settles, lists deliveries and resets through the control API', async () => {
    const sandbox = await startProcessorSandbox();
    try {
      const settle = await fetch(`${sandbox.url}/_sandbox/settle`, { method: 'POST' });
      expect(await settle.json()).toMatchObject({ authorizeNet: { settled: 0 }, converge: { settled: 0 } });
      const deliveries = await fetch(`${sandbox.url}/_sandbox/webhooks/deliveries`);
      expect(await deliveries.json()).toEqual({ deliveries: [] });
      const bad = await fetch(`${sandbox.url}/_sandbox/webhooks/stripe`, { method: 'PUT', body: '{}' });
      expect(bad.status).toBe(400);
      expect((await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' })).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it('runs from the CLI on ARBOR_SANDBOX_PORT and says where it listens', async () => {
    const root = path.resolve(__dirname, '../../..');
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'tools/processor-sandbox/src/main.ts'],
      {
        cwd: root,
        env: {
          ...process.env,
          ARBOR_SANDBOX_PORT: '0',
          SWC_NODE_PROJECT: 'tools/processor-sandbox/tsconfig.json',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let output = '';
      const listening = new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${output}`)));
      });
      const url = await listening;
      expect(await (await fetch(`${url}/_sandbox/health`)).json()).toEqual({ ok: true });
      expect(output).toContain('/xml/v1/request.api');
      expect(output).toContain('/VirtualMerchantDemo/processxml.do');
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  });
});
