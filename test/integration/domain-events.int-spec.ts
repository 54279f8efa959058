import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { TransactionalConnection } from '../../src/infra/database/transactional-connection.js';
import { type DomainEvent, DomainEvents, DomainEventsModule } from '../../src/infra/events/domain-events.js';
import { type ModuleOnDatabase, modulesOnClonedDatabase } from '../support/database-module.js';

class ThingHappened implements DomainEvent {
  static readonly eventName = 'test.thing-happened';
  readonly name = ThingHappened.eventName;
  constructor(readonly slug: string) {}
}

/** A reacting "module": records what it saw, and what the database held when it saw it. */
@Injectable()
class Witness {
  seen: Array<{ slug: string; committed: boolean }> = [];
  constructor(private readonly db: TransactionalConnection) {}

  @OnEvent(ThingHappened.eventName)
  async onThing(event: ThingHappened): Promise<void> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM organizations WHERE slug = $1`, [event.slug]);
    this.seen.push({ slug: event.slug, committed: rows.length === 1 });
  }
}

@Module({ providers: [Witness] })
class WitnessModule {}

describe('Domain events', () => {
  let subject: ModuleOnDatabase;
  let db: TransactionalConnection;
  let events: DomainEvents;
  let witness: Witness;

  beforeAll(async () => {
    subject = await modulesOnClonedDatabase([WitnessModule, DomainEventsModule]);
    db = subject.moduleRef.get(TransactionalConnection);
    events = subject.moduleRef.get(DomainEvents);
    witness = subject.moduleRef.get(Witness);
  });
  afterAll(async () => {
    await subject?.close();
  });
  beforeEach(() => {
    witness.seen = [];
  });

  const createOrganization = (slug: string) =>
    db.query(`INSERT INTO organizations (uid, display_name, slug) VALUES ($1, $2, $2)`, [`org_${slug}`, slug]);

  it('delivers an event published in a transaction only after it commits', async () => {
    await db.transaction(async () => {
      await createOrganization('committed');
      await events.publish(new ThingHappened('committed'));
      expect(witness.seen).toEqual([]);
    });
    expect(witness.seen).toEqual([{ slug: 'committed', committed: true }]);
  });

  it('never delivers the events of a transaction that rolled back', async () => {
    await expect(
      db.transaction(async () => {
        await createOrganization('rolled-back');
        await events.publish(new ThingHappened('rolled-back'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(witness.seen).toEqual([]);
  });

  it('delivers at once outside a transaction', async () => {
    await createOrganization('plain');
    await events.publish(new ThingHappened('plain'));
    expect(witness.seen).toEqual([{ slug: 'plain', committed: true }]);
  });
});
