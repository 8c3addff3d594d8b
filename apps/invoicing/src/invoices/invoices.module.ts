import { Module } from '@nestjs/common';
import { InvoicesHandlers } from './invoices.handlers';
import { InvoicesRepository } from './invoices.repository';
import { InvoicesService } from './invoices.service';

@Module({
  controllers: [InvoicesHandlers],
  providers: [InvoicesService, InvoicesRepository],
})
export class InvoicesModule {}
