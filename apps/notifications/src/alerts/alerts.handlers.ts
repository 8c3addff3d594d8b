import { Controller } from '@nestjs/common';
import { ListAlerts, MarkAlertRead, type PayloadOf } from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { AlertsService } from './alerts.service';

@Controller()
export class AlertsHandlers {
  constructor(private readonly alerts: AlertsService) {}

  @Handles(ListAlerts)
  list({ actor, limit, cursor }: PayloadOf<typeof ListAlerts>) {
    return this.alerts.list(actor, { limit, cursor });
  }

  @Handles(MarkAlertRead)
  markRead({ actor, alertId }: PayloadOf<typeof MarkAlertRead>) {
    return this.alerts.markRead(actor, alertId);
  }
}
