import { Controller, Inject } from '@nestjs/common';
import { CheckReadiness, type Readiness } from '@arbor/contracts';
import { checkReadiness, type DependencyCheck } from '@arbor/observability';
import { Handles } from '../rpc/handles.decorator';
import { READINESS } from './tokens';

export interface ReadinessSource {
  readonly service: string;
  readonly checks: Record<string, DependencyCheck>;
}

/** Answers the gateway's readiness question over the bus with the same checks as `/health/ready`. */
@Controller()
export class ReadinessHandlers {
  constructor(@Inject(READINESS) private readonly source: ReadinessSource) {}

  @Handles(CheckReadiness)
  async check(): Promise<Readiness> {
    const report = await checkReadiness(this.source.checks);
    return { service: this.source.service, ...report };
  }
}
