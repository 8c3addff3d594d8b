import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { PeopleModule } from '../people/people.module';
import { InvoiceAlertsHandlers } from './invoice-alerts.handlers';
import { InvoiceAlertsService } from './invoice-alerts.service';

@Module({
  imports: [AlertsModule, PeopleModule],
  controllers: [InvoiceAlertsHandlers],
  providers: [InvoiceAlertsService],
})
export class InvoiceAlertsModule {}
