// The generated inventory the inventory benchmarks measure on (bench/inventory-list.mjs, bench/inventory-scale.mjs).

const ARTIST_FIRST = ['Velvet', 'Crimson', 'Silver', 'Midnight', 'Electric', 'Golden', 'Lonesome', 'Broken'];
const ARTIST_FIRST_MORE = ['Neon', 'Wild', 'Holy', 'Paper', 'Atomic', 'Cosmic', 'Sunset', 'Iron'];
const ARTIST_SECOND = ['Echoes', 'Tigers', 'Horizon', 'Orchestra', 'Ramblers', 'Machines', 'Saints', 'Daughters'];
const ARTIST_SECOND_MORE = ['Comets', 'Brothers', 'Lovers', 'Trio', 'Collective', 'Ghosts', 'Pilots', 'Kings'];
const TITLE_WORDS = ['Blue', 'Night', 'Love', 'River', 'Dream', 'Fire', 'Summer', 'Heart', 'Road', 'Rain'];
const TITLE_WORDS_MORE = ['Gold', 'Moon', 'Time', 'City', 'Song', 'Light', 'Train', 'Garden', 'Window', 'Highway'];

/** A SQL text array of plain words, in parentheses (ready to subscript). */
function words(list) {
  return `(ARRAY[${list.map((word) => `'${word}'`).join(', ')}])`;
}

/**
 * A pseudo-random whole number in [0, modulo) from `key` and `seed`: each field draws with its own seed, so the
 * fields vary independently of each other (and of the item's position, which orders `created`).
 */
function draw(key, seed, modulo) {
  return `mod(abs(hashint4extended((${key})::int, ${seed})), ${modulo})`;
}

/**
 * A record reseller's inventory for one organization, in set-based SQL (the row trigger fills search_text and
 * sort_title, refresh_product_summaries the products' counts): about size / 20 artists, size / 2 products (most with
 * an artist, catalog numbers, some SKUs), and `size` items over two years spread over the products at random, in
 * every status (draft 10 %, purchased 10 %, received 15 %, ready-to-sell 25 %, listed 20 %, sold 15 %, cancelled 5 %),
 * with grades (some none, some sleeves set by hand), prices (12 % none), manual SKUs (a third), names, notes,
 * locations, purchase and receipt dates as the status implies, item types (a sixth none), 0-3 photos each, 2 % soft
 * deleted, and listings: every listed item on Discogs (a third also on eBay), some ready-to-sell items pending on
 * eBay (not deletable either) or delisted from Discogs (deletable), sold items' sold listings.
 */
export async function seed(client, account, size) {
  const steps = [];
  const step = async (name, sql, parameters) => {
    const started = Date.now();
    await client.query(sql, parameters);
    steps.push(`${name} ${((Date.now() - started) / 1000).toFixed(0)} s`);
  };
  const tag = `s${size}`;
  const organization = account.organizationId;
  const artists = Math.max(64, Math.round(size / 20));
  const products = Math.ceil(size / 2);
  await step(
    'artists',
    `INSERT INTO artists (uid, organization_id, name, name_key)
     SELECT 'art_${tag}_' || n, $1, name, lower(name)
       FROM generate_series(0, $2 - 1) n,
            LATERAL (SELECT ${words([...ARTIST_FIRST, ...ARTIST_FIRST_MORE])}[1 + n % 16] || ' ' ||
                            ${words([...ARTIST_SECOND, ...ARTIST_SECOND_MORE])}[1 + (n / 16) % 16] ||
                            CASE WHEN n >= 256 THEN ' ' || (n / 256 + 1) ELSE '' END AS name) AS named`,
    [organization, artists],
  );
  const titleWords = words([...TITLE_WORDS, ...TITLE_WORDS_MORE]);
  await step(
    'products',
    `INSERT INTO products (uid, organization_id, user_id, title, type, artist_id, catalog_number, sku, created)
     SELECT 'prod_${tag}_' || n, $1, $2,
            ${titleWords}[1 + ${draw('n', 1, 20)}] || ' ' || ${titleWords}[1 + ${draw('n', 2, 20)}] ||
              CASE WHEN ${draw('n', 3, 3)} = 0 THEN ' ' || ${titleWords}[1 + ${draw('n', 4, 20)}] ELSE '' END,
            CASE WHEN ${draw('n', 5, 20)} = 0 THEN 'digital' ELSE 'physical' END,
            CASE WHEN ${draw('n', 6, 12)} > 0 THEN a.id END,
            CASE WHEN ${draw('n', 7, 5)} > 0 THEN 'CAT-' || (1000 + ${draw('n', 8, 90000)}) END,
            CASE WHEN ${draw('n', 9, 10)} = 0 THEN 'PSKU-' || n END,
            now() - interval '800 days' + n * interval '1 second'
       FROM generate_series(1, $3) n
       JOIN artists a ON a.organization_id = $1 AND a.uid = 'art_${tag}_' || ${draw('n', 10, artists)}`,
    [organization, account.userId, products],
  );
  const statusOf = `(CASE WHEN b < 10 THEN 'draft' WHEN b < 20 THEN 'purchased' WHEN b < 35 THEN 'received'
                          WHEN b < 60 THEN 'ready-to-sell' WHEN b < 80 THEN 'listed' WHEN b < 95 THEN 'sold' ELSE 'cancelled' END)`;
  const grades = `(ARRAY['mint', 'nm', 'nm', 'vg_plus', 'vg_plus', 'vg_plus', 'vg', 'good_plus', 'good', 'poor', NULL])`;
  // The statement trigger would recount the products with a plan made on the statistics of before the insert: on
  // them the planner reads the partial IDX_inventory_items_live_status index (organization_id, status, product_id)
  // for `product_id = t.id`, the whole index once per product (100,000 items: minutes). So the items go in with that
  // trigger off, in one transaction with the same recount, refresh_product_summaries, run after an ANALYZE.
  await client.query('BEGIN');
  await client.query('ALTER TABLE inventory_items DISABLE TRIGGER inventory_items_inserted');
  await step(
    'items',
    `WITH product AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM products WHERE organization_id = $1),
          item_type AS (SELECT array_agg(id ORDER BY position, id) AS ids FROM inventory_item_types),
          item AS (
            SELECT k, ${draw('k', 11, 100)} AS b, ${grades}[1 + ${draw('k', 12, 11)}] AS grade,
                   CASE WHEN ${draw('k', 13, 8)} > 0 THEN round(8 + ${draw('k', 14, 19200)} / 100.0, 2) END AS price,
                   now() - make_interval(secs => ($2 - k + 1) * (63072000.0 / $2)) AS created
              FROM generate_series(1, $2) k)
     INSERT INTO inventory_items (uid, organization_id, user_id, product_id, inventory_item_type_id, name, status,
                                  condition_item, condition_container, condition_container_manually_set, condition_comments,
                                  condition_seller_description, price_total_usd, price_item_usd, price_shipping_usd,
                                  price_expected_usd, price_purchased_item, price_for_purchases_shipping, listing_current_price,
                                  manual_description, manual_sku, notes, location, listed_at, purchased_at, received_at,
                                  deleted_at, created, updated)
     SELECT 'inv_${tag}_' || k, $1, CASE WHEN ${draw('k', 15, 10)} > 0 THEN $3::bigint END, p.id,
            CASE WHEN ${draw('k', 16, 6)} = 0 THEN NULL
                 WHEN ${draw('k', 17, 2)} = 0 THEN t.ids[1]
                 ELSE t.ids[1 + ${draw('k', 18, 'cardinality(t.ids)')}] END,
            CASE WHEN ${draw('k', 19, 12)} = 0 THEN (ARRAY['Promo copy', 'Test pressing', 'Signed copy', 'Japanese pressing'])[1 + ${draw('k', 20, 4)}] END,
            ${statusOf}, grade,
            CASE WHEN ${draw('k', 21, 10)} = 0 THEN (ARRAY['generic', 'not_graded', 'vg', 'no_cover'])[1 + ${draw('k', 22, 4)}] ELSE grade END,
            ${draw('k', 21, 10)} = 0,
            CASE WHEN ${draw('k', 23, 4)} = 0 THEN 'Light marks on side ' || (ARRAY['A', 'B'])[1 + ${draw('k', 24, 2)}] || ', plays through' END,
            CASE WHEN ${draw('k', 25, 6)} = 0 THEN 'Sleeve has ring wear; vinyl shiny.' END,
            price, CASE WHEN price IS NOT NULL THEN price - 4.50 END, CASE WHEN price IS NOT NULL THEN 4.50 END,
            CASE WHEN price IS NOT NULL AND ${draw('k', 26, 3)} = 0 THEN round(price * 1.2, 2) END,
            CASE WHEN b >= 10 AND b < 95 AND price IS NOT NULL THEN round(price * 0.4, 2) END,
            CASE WHEN b >= 10 AND b < 95 AND ${draw('k', 27, 2)} = 0 THEN 3.00 END,
            CASE WHEN b >= 60 AND b < 80 THEN price END,
            CASE WHEN ${draw('k', 28, 8)} = 0 THEN 'Original pressing with insert.' END,
            CASE WHEN ${draw('k', 29, 3)} = 0 THEN 'SKU-' || lpad(${draw('k', 30, 1000000)}::text, 6, '0') END,
            CASE WHEN ${draw('k', 31, 5)} = 0 THEN 'Bought in lot #' || (1 + ${draw('k', 32, 400)}) END,
            CASE WHEN ${draw('k', 33, 5)} > 1 THEN 'Shelf ' || chr(65 + ${draw('k', 34, 26)}::int) || '-' || (1 + ${draw('k', 35, 40)}) END,
            CASE WHEN b >= 60 AND b < 95 THEN created + (now() - created) * 0.1 END,
            CASE WHEN b >= 10 AND b < 95 AND ${draw('k', 36, 10)} > 0 THEN created - (1 + ${draw('k', 37, 30)}) * interval '1 day' END,
            CASE WHEN b >= 20 AND b < 95 AND ${draw('k', 38, 10)} > 0 THEN created - ${draw('k', 39, 20)} * interval '1 hour' END,
            CASE WHEN ${draw('k', 40, 50)} = 0 THEN now() END,
            created,
            CASE WHEN ${draw('k', 41, 2)} = 0 THEN created + (now() - created) * (${draw('k', 42, 100)} / 100.0) ELSE created END
       FROM item
       JOIN product p ON p.n = ${draw('k', 43, products)}
      CROSS JOIN item_type t`,
    [organization, size, account.userId],
  );
  await step('analyze', 'ANALYZE inventory_items');
  await step('product counts', `SELECT refresh_product_summaries(ARRAY(SELECT id FROM products WHERE organization_id = $1))`, [
    organization,
  ]);
  await client.query('ALTER TABLE inventory_items ENABLE TRIGGER inventory_items_inserted');
  await client.query('COMMIT');
  await step(
    'photos',
    `INSERT INTO inventory_assets (uid, organization_id, inventory_item_id, type, description, file_key, thumbnail_key,
                                   file_name, file_size, is_identifying_asset, created, updated)
     SELECT 'ast_' || i.id || '_' || j, i.organization_id, i.id, (ARRAY['front_cover', 'back_cover', 'label'])[j],
            CASE WHEN j = 1 AND ${draw('i.id', 44, 3)} = 0 THEN 'Front, in shrink' ELSE '' END,
            'inventory/' || i.uid || '/photo-' || j || '.jpg',
            CASE WHEN ${draw('i.id', 45, 2)} = 0 THEN 'inventory/' || i.uid || '/thumb-' || j || '.jpg' END,
            'photo-' || j || '.jpg', 200000 + ${draw('i.id + j', 46, 3000000)}, j = 2 AND ${draw('i.id', 47, 2)} = 0,
            i.created + j * interval '1 minute', i.created + j * interval '1 minute'
       FROM inventory_items i CROSS JOIN generate_series(1, 3) j
      WHERE i.organization_id = $1 AND j <= ${draw('i.id', 48, 4)}`,
    [organization],
  );
  await step(
    'listings',
    `INSERT INTO inventory_item_listings (uid, organization_id, inventory_item_id, platform_id, user_id, status, listing_id,
                                          listing_price_usd, marketplace_url, is_draft, is_sold, listed_at, delisted_at, sold_at)
     SELECT 'lst_' || i.id || '_' || pl.slug, i.organization_id, i.id, pl.id, i.user_id, l.status, 'L' || i.id,
            i.price_total_usd, 'https://' || pl.slug || '.example/listing/' || i.id, l.status = 'pending', l.status = 'sold',
            CASE WHEN l.status <> 'pending' THEN i.listed_at END,
            CASE WHEN l.status = 'delisted' THEN i.listed_at + interval '1 day' END,
            CASE WHEN l.status = 'sold' THEN now() END
       FROM inventory_items i
      CROSS JOIN LATERAL (VALUES
              ('discogs', CASE i.status WHEN 'listed' THEN 'listed' WHEN 'sold' THEN 'sold' END),
              ('ebay', CASE WHEN i.status = 'listed' AND ${draw('i.id', 49, 3)} = 0 THEN 'listed' END),
              ('ebay', CASE WHEN i.status = 'ready-to-sell' AND ${draw('i.id', 50, 10)} = 0 THEN 'pending' END),
              ('discogs', CASE WHEN i.status = 'ready-to-sell' AND ${draw('i.id', 50, 10)} = 1 THEN 'delisted' END)
            ) AS l (platform, status)
       JOIN platforms pl ON pl.slug = l.platform
      WHERE i.organization_id = $1 AND l.status IS NOT NULL`,
    [organization],
  );
  return steps.join(', ');
}
