import { Column, Entity, JoinColumn, OneToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../../../infra/database/base.entity.js';
import { User } from './user.entity.js';

/** A user's own settings; written on the first change, the defaults until then. */
@Entity('user_preferences')
export class UserPreferences extends BaseEntity {
  /** Unique through the one-to-one relation's constraint. */
  @Column({ type: 'bigint' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 3, default: 'USD' })
  currency!: string;

  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone!: string;

  /** The choices the user made; `users.rules` fills the rest with defaults on read. */
  @Column({ type: 'jsonb', default: {} })
  notifications!: Record<string, unknown>;

  @Column({ type: 'jsonb', default: {} })
  listingDefaults!: Record<string, unknown>;
}
