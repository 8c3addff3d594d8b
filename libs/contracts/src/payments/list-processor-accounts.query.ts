import { query } from '../contract';
import { Actor, Id, IsoDateTime } from '../common';
import { cursorCodec, Page, pageQuery, pageRequest } from '../http/page.types';
import { z } from 'zod';
import { ProcessorAccountView } from './processor-account.types';

/** Accounts are listed oldest first; a cursor holds the creation time and id of the last one shown. */
export const ProcessorAccountCursor = cursorCodec(
  'payments.processor-accounts',
  z.strictObject({ createdAt: IsoDateTime, id: Id }),
);
export const ListProcessorAccountsQuery = pageQuery(ProcessorAccountCursor);
export const ProcessorAccountPage = Page(ProcessorAccountView);

/** Admin only. Credentials masked. */
export const ListProcessorAccounts = query('payments.processor-account.list.v1', {
  payload: pageRequest(ProcessorAccountCursor).extend({ actor: Actor }),
  reply: ProcessorAccountPage,
});
