import 'reflect-metadata';
import { startService, stopOnSignals } from '@arbor/messaging';
import { loadInvoicingConfig, SERVICE_NAME } from './invoicing.config';
import { InvoicingModule } from './invoicing.module';

async function main(): Promise<void> {
  const config = loadInvoicingConfig();
  const running = await startService({
    service: SERVICE_NAME,
    module: InvoicingModule.forRoot({ chargeClaimStaleMs: config.chargeClaimStaleMs }),
    config,
    // Its @ProcessesJob methods run with it; any provider may inject JobQueue (libs/jobs).
    jobs: config.jobs,
  });
  stopOnSignals(running);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
