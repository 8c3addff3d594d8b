import { Module } from '@nestjs/common';
import { PeopleHandlers } from './people.handlers';
import { PeopleRepository } from './people.repository';

@Module({ controllers: [PeopleHandlers], providers: [PeopleRepository], exports: [PeopleRepository] })
export class PeopleModule {}
