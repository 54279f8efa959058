import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two items added at once to one product deadlocked (40P01, a 500): each insert's foreign key check holds a KEY SHARE
 * lock on the product row, and the recount of the product summaries then asked for FOR UPDATE, which waits for the other
 * insert's KEY SHARE while that one waits for this one. The recount's lock becomes FOR NO KEY UPDATE; nothing else changes.
 */
export class ProductSummaryLock1764750000000 implements MigrationInterface {
  name = 'ProductSummaryLock1764750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION refresh_product_summaries(product_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- Lock first: the recount below then takes a new snapshot, which sees every change committed before the
        -- lock was granted, so two transactions adding items to one product cannot both count without the other.
        -- NO KEY UPDATE: it excludes another recount of the product, but not the KEY SHARE lock that an item insert's
        -- foreign key check holds on it (FOR UPDATE waited for that lock while the other insert waited for this one).
        PERFORM 1 FROM products WHERE id = ANY(product_ids) ORDER BY id FOR NO KEY UPDATE;
        UPDATE products p
           SET total_inventory_count = s.total, listed_inventory_count = s.listed, available_inventory_count = s.available,
               price_computed_usd = s.price, has_redbubble_presence = s.on_redbubble
          FROM (
            SELECT t.id, i.total, i.listed, i.available, COALESCE(i.lowest_unsold, m.lowest_active) AS price,
                   COALESCE(m.on_redbubble, false) AS on_redbubble
              FROM unnest(product_ids) AS t (id)
              CROSS JOIN LATERAL (
                SELECT count(*) AS total,
                       count(*) FILTER (WHERE status = 'listed') AS listed,
                       count(*) FILTER (WHERE status IN ('received', 'ready-to-sell')) AS available,
                       min(price_total_usd) FILTER (WHERE status IN ('purchased', 'received', 'ready-to-sell', 'listed')) AS lowest_unsold
                  FROM inventory_items WHERE product_id = t.id AND deleted_at IS NULL) AS i
              CROSS JOIN LATERAL (
                SELECT min(mp.listing_price_usd) FILTER (WHERE mp.status = 'active' AND mp.is_selling_enabled) AS lowest_active,
                       bool_or(pl.slug = 'redbubble') AS on_redbubble
                  FROM marketplace_presences mp LEFT JOIN platforms pl ON pl.id = mp.platform_id
                 WHERE mp.product_id = t.id) AS m
          ) AS s
         WHERE p.id = s.id
           AND (p.total_inventory_count, p.listed_inventory_count, p.available_inventory_count, p.price_computed_usd,
                p.has_redbubble_presence) IS DISTINCT FROM (s.total, s.listed, s.available, s.price, s.on_redbubble);
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION refresh_product_summaries(product_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- Lock first: the recount below then takes a new snapshot, which sees every change committed before the
        -- lock was granted, so two transactions adding items to one product cannot both count without the other.
        PERFORM 1 FROM products WHERE id = ANY(product_ids) ORDER BY id FOR UPDATE;
        UPDATE products p
           SET total_inventory_count = s.total, listed_inventory_count = s.listed, available_inventory_count = s.available,
               price_computed_usd = s.price, has_redbubble_presence = s.on_redbubble
          FROM (
            SELECT t.id, i.total, i.listed, i.available, COALESCE(i.lowest_unsold, m.lowest_active) AS price,
                   COALESCE(m.on_redbubble, false) AS on_redbubble
              FROM unnest(product_ids) AS t (id)
              CROSS JOIN LATERAL (
                SELECT count(*) AS total,
                       count(*) FILTER (WHERE status = 'listed') AS listed,
                       count(*) FILTER (WHERE status IN ('received', 'ready-to-sell')) AS available,
                       min(price_total_usd) FILTER (WHERE status IN ('purchased', 'received', 'ready-to-sell', 'listed')) AS lowest_unsold
                  FROM inventory_items WHERE product_id = t.id AND deleted_at IS NULL) AS i
              CROSS JOIN LATERAL (
                SELECT min(mp.listing_price_usd) FILTER (WHERE mp.status = 'active' AND mp.is_selling_enabled) AS lowest_active,
                       bool_or(pl.slug = 'redbubble') AS on_redbubble
                  FROM marketplace_presences mp LEFT JOIN platforms pl ON pl.id = mp.platform_id
                 WHERE mp.product_id = t.id) AS m
          ) AS s
         WHERE p.id = s.id
           AND (p.total_inventory_count, p.listed_inventory_count, p.available_inventory_count, p.price_computed_usd,
                p.has_redbubble_presence) IS DISTINCT FROM (s.total, s.listed, s.available, s.price, s.on_redbubble);
      END $$`);
  }
}
