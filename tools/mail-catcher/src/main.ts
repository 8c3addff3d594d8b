import { loadMailCatcherConfig } from './mail-catcher.config';
import { startMailCatcher } from './mail-catcher';

/**
 * `node tools/mail-catcher/src/main.ts` (through @swc-node/register): starts the catcher, prints
 * its SMTP address and its page (`npm start` reads both lines), and stops on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const catcher = await startMailCatcher(loadMailCatcherConfig());
  process.stdout.write(`mail catcher smtp ${catcher.smtpUrl}\nmail catcher page ${catcher.pageUrl}\n`);
  const stop = () => {
    catcher.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `mail catcher failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
