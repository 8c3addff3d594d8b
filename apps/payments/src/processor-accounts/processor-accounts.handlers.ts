import { Controller } from '@nestjs/common';
import {
  CreateProcessorAccount,
  DeleteProcessorAccount,
  GetActiveProcessor,
  ListProcessorAccounts,
  TestProcessorAccount,
  UpdateProcessorAccount,
  type PayloadOf,
} from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { ProcessorAccountsService } from './processor-accounts.service';

@Controller()
export class ProcessorAccountsHandlers {
  constructor(private readonly accounts: ProcessorAccountsService) {}

  @Handles(CreateProcessorAccount)
  create({ actor, account }: PayloadOf<typeof CreateProcessorAccount>) {
    return this.accounts.create(actor, account);
  }

  @Handles(ListProcessorAccounts)
  list({ actor, ...page }: PayloadOf<typeof ListProcessorAccounts>) {
    return this.accounts.list(actor, page);
  }

  @Handles(UpdateProcessorAccount)
  update({ actor, id, changes }: PayloadOf<typeof UpdateProcessorAccount>) {
    return this.accounts.update(actor, id, changes);
  }

  @Handles(DeleteProcessorAccount)
  remove({ actor, id }: PayloadOf<typeof DeleteProcessorAccount>) {
    return this.accounts.remove(actor, id);
  }

  @Handles(GetActiveProcessor)
  async active({ practiceId }: PayloadOf<typeof GetActiveProcessor>) {
    return { processor: (await this.accounts.activeType(practiceId)) ?? null };
  }

  @Handles(TestProcessorAccount)
  test({ actor, id }: PayloadOf<typeof TestProcessorAccount>) {
    return this.accounts.test(actor, id);
  }
}
