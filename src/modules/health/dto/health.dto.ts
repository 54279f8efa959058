import { ApiProperty } from '@nestjs/swagger';

const STATES = ['up', 'down'] as const;

export class QueueHealthDto {
  @ApiProperty({ description: 'Job driver: `bull` (Redis) or `inline` (in-process).', enum: ['bull', 'inline'], example: 'bull' })
  driver!: 'bull' | 'inline';

  @ApiProperty({ description: 'Whether jobs can be queued.', enum: STATES, example: 'up' })
  status!: (typeof STATES)[number];
}

export class HealthDto {
  @ApiProperty({
    description: '`ok` when every dependency answers, `error` otherwise (with status 503).',
    enum: ['ok', 'error'],
    example: 'ok',
  })
  status!: 'ok' | 'error';

  @ApiProperty({ description: 'Whether the database answers a ping.', enum: STATES, example: 'up' })
  database!: (typeof STATES)[number];

  @ApiProperty({ type: QueueHealthDto })
  queue!: QueueHealthDto;
}
