import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/decorators.js';
import { ApiCommonErrors } from '../../common/swagger/api-errors.decorator.js';
import { JobQueue } from '../../infra/queue/job-queue.js';
import { HealthDto } from './dto/health.dto.js';

const DATABASE_TIMEOUT_MS = 1500;

@ApiTags('Health')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: JobQueue,
  ) {}

  @Get('/')
  @Public()
  @ApiOperation({ summary: 'Service health', description: 'Database and job-queue state. Public; for load balancers and monitors.' })
  @ApiOkResponse({ type: HealthDto, description: 'Every dependency answers.' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The database or the job queue does not answer.' })
  @ApiCommonErrors()
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const result = await this.health
      .check([
        () => this.database.pingCheck('database', { timeout: DATABASE_TIMEOUT_MS }),
        async () => {
          const session = this.indicators.check('queue');
          return (await this.queue.isHealthy()) ? session.up() : session.down();
        },
      ])
      .catch((error: { getResponse?: () => { details?: Record<string, { status: string }> } }) => ({
        status: 'error' as const,
        details: error.getResponse?.().details ?? {},
      }));
    const state = (key: string) => (result.details[key as never]?.['status'] === 'up' ? 'up' : 'down');
    const body: HealthDto = {
      status: result.status === 'ok' ? 'ok' : 'error',
      database: state('database'),
      queue: { driver: this.queue.driver, status: state('queue') },
    };
    void reply.status(body.status === 'ok' ? 200 : 503);
    return body;
  }
}
