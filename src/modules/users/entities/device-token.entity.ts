import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../../../infra/database/base.entity.js';
import { User } from './user.entity.js';

export const PUSH_PROVIDERS = ['apns', 'fcm'] as const;
export type PushProvider = (typeof PUSH_PROVIDERS)[number];

/** A device's push registration: one token is one device, so it belongs to the user who registered it last. */
@Entity('device_tokens')
export class DeviceToken extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 512 })
  token!: string;

  @Index()
  @Column({ type: 'bigint' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 10 })
  provider!: PushProvider;

  @Column({ type: 'varchar', length: 100, default: '' })
  deviceName!: string;

  /** The last time the app registered this token (apps re-register on every launch). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastRegistered!: Date;
}
