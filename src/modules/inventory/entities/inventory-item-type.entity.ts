import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../infra/database/base.entity.js';
import type { PlatformCategories } from '../item-types.rules.js';

/**
 * What kind of thing an inventory item is (vinyl, CD, poster...): reference data seeded by a migration, the same
 * for every organization. Each type carries the category it lists under on each platform that has one.
 */
@Entity('inventory_item_types')
export class InventoryItemType extends BaseEntity {
  /** `type_` and the slug with `_` for `-` (`type_vinyl`, `type_box_set`). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  uid!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 50 })
  slug!: string;

  /** Display order. */
  @Column({ type: 'integer', default: 0 })
  position!: number;

  /** Other names the type is searched by (`lp`, `record`, `tape`), lowercase. */
  @Column({ type: 'varchar', length: 50, array: true, default: () => "'{}'" })
  aliases!: string[];

  /** Per platform slug, the category the type lists under there; a platform without one has no key. */
  @Column({ type: 'jsonb' })
  platformCategories!: PlatformCategories;
}
