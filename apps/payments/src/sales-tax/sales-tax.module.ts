import { Module } from '@nestjs/common';
import { SalesTaxHandlers } from './sales-tax.handlers';
import { SalesTaxRepository } from './sales-tax.repository';
import { SalesTaxService } from './sales-tax.service';

@Module({ controllers: [SalesTaxHandlers], providers: [SalesTaxService, SalesTaxRepository] })
export class SalesTaxModule {}
