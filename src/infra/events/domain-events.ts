import { Global, Injectable, Module } from '@nestjs/common';
import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { TransactionalConnection } from '../database/transactional-connection.js';

/**
 * A fact one domain announces ("an item sold", "a price changed"); other domains react with
 * `@OnEvent(name)` handlers, so the acting module never imports the reacting one.
 */
export interface DomainEvent {
  readonly name: string;
}

/**
 * In-process domain events, delivered after the acting transaction commits (at once outside one), so a reaction
 * never sees, nor acts on, data that was rolled back. A failing reaction is logged and does not undo the action.
 * Delivery is lost if the process stops in between: a reaction that must survive a crash is written as an outbox
 * row in the acting transaction and drained by a job instead (see README, Layout).
 */
@Injectable()
export class DomainEvents {
  constructor(
    private readonly emitter: EventEmitter2,
    private readonly db: TransactionalConnection,
  ) {}

  async publish(event: DomainEvent): Promise<void> {
    await this.db.afterCommit(() => this.emitter.emitAsync(event.name, event));
  }
}

@Global()
@Module({
  imports: [EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: false })],
  providers: [DomainEvents],
  exports: [DomainEvents],
})
export class DomainEventsModule {}
