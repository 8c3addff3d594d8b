import { Controller } from '@nestjs/common';
import { ReceiveProcessorWebhook, type PayloadOf } from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { WebhooksService } from './webhooks.service';

@Controller()
export class WebhooksHandlers {
  constructor(private readonly webhooks: WebhooksService) {}

  @Handles(ReceiveProcessorWebhook)
  receive({ webhook }: PayloadOf<typeof ReceiveProcessorWebhook>) {
    return this.webhooks.receive(webhook);
  }
}
