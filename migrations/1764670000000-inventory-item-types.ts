import type { MigrationInterface, QueryRunner } from 'typeorm';

interface Category {
  id: string;
  name: string;
}

interface SeededType {
  slug: string;
  name: string;
  aliases: string[];
  ebay?: Category;
  discogs?: Category;
  shopify?: Category;
}

/*
 * Where the categories come from:
 * - eBay: leaf categories of the US marketplace (category tree 0). 176985 Records, 176984 CDs, 176983 Cassettes,
 *   617 DVDs & Blu-ray Discs, 261186 Books and 15687 T-Shirts (Men's Clothing > Shirts) are the ids integrations
 *   in public code list under those names (Browse API results name 176985 "Records"). 618 Music > Other Formats
 *   (8-tracks, reel-to-reels), 28009 Art > Art Posters and 360 Art > Art Prints are from memory and were not
 *   confirmed by a source: check them with the Taxonomy API (getCategorySubtree) before a listing engine relies on them.
 *   A box set lists under Records (a CD box set under CDs: the listing engine may pick by the product's formats).
 * - Discogs: format names as the Discogs database writes them (a release's `formats[].name`); only music has one.
 * - Etsy: none yet. Seller taxonomy ids (Open API v3 getSellerTaxonomyNodes) could not be confirmed from a
 *   source here, and a wrong id would list items in the wrong category; a later migration adds them.
 * - Shopify: `product_type` is free text; these are the usual names.
 */
const TYPES: SeededType[] = [
  {
    slug: 'vinyl',
    name: 'Vinyl',
    aliases: ['record', 'records', 'lp', 'ep', 'single', '7"', '10"', '12"', '45 rpm', '33 rpm', '78 rpm'],
    ebay: { id: '176985', name: 'Records' },
    discogs: { id: 'Vinyl', name: 'Vinyl' },
    shopify: { id: 'Vinyl Record', name: 'Vinyl Record' },
  },
  {
    slug: 'cd',
    name: 'CD',
    aliases: ['compact disc', 'cds'],
    ebay: { id: '176984', name: 'CDs' },
    discogs: { id: 'CD', name: 'CD' },
    shopify: { id: 'CD', name: 'CD' },
  },
  {
    slug: 'cassette',
    name: 'Cassette',
    aliases: ['tape', 'cassette tape', 'mc'],
    ebay: { id: '176983', name: 'Cassettes' },
    discogs: { id: 'Cassette', name: 'Cassette' },
    shopify: { id: 'Cassette', name: 'Cassette' },
  },
  {
    slug: '8-track',
    name: '8-Track',
    aliases: ['eight-track', '8-track tape', '8-track cartridge', 'cartridge'],
    ebay: { id: '618', name: 'Other Formats' },
    discogs: { id: '8-Track Cartridge', name: '8-Track Cartridge' },
    shopify: { id: '8-Track Tape', name: '8-Track Tape' },
  },
  {
    slug: 'reel-to-reel',
    name: 'Reel-to-Reel',
    aliases: ['reel', 'open reel', 'reel tape'],
    ebay: { id: '618', name: 'Other Formats' },
    discogs: { id: 'Reel-To-Reel', name: 'Reel-To-Reel' },
    shopify: { id: 'Reel-to-Reel Tape', name: 'Reel-to-Reel Tape' },
  },
  {
    slug: 'box-set',
    name: 'Box Set',
    aliases: ['boxset', 'box'],
    ebay: { id: '176985', name: 'Records' },
    discogs: { id: 'Box Set', name: 'Box Set' },
    shopify: { id: 'Box Set', name: 'Box Set' },
  },
  {
    slug: 'dvd',
    name: 'DVD',
    aliases: ['dvds', 'video'],
    ebay: { id: '617', name: 'DVDs & Blu-ray Discs' },
    discogs: { id: 'DVD', name: 'DVD' },
    shopify: { id: 'DVD', name: 'DVD' },
  },
  {
    slug: 'blu-ray',
    name: 'Blu-ray',
    aliases: ['bd', 'blu-ray disc'],
    ebay: { id: '617', name: 'DVDs & Blu-ray Discs' },
    discogs: { id: 'Blu-ray', name: 'Blu-ray' },
    shopify: { id: 'Blu-ray', name: 'Blu-ray' },
  },
  {
    slug: 'book',
    name: 'Book',
    aliases: ['books', 'magazine', 'zine', 'songbook'],
    ebay: { id: '261186', name: 'Books' },
    shopify: { id: 'Book', name: 'Book' },
  },
  {
    slug: 'poster',
    name: 'Poster',
    aliases: ['posters', 'concert poster', 'gig poster', 'flyer'],
    ebay: { id: '28009', name: 'Art Posters' },
    shopify: { id: 'Poster', name: 'Poster' },
  },
  {
    slug: 'print',
    name: 'Print',
    aliases: ['art print', 'screen print', 'lithograph', 'giclee'],
    ebay: { id: '360', name: 'Art Prints' },
    shopify: { id: 'Art Print', name: 'Art Print' },
  },
  {
    slug: 'apparel',
    name: 'Apparel',
    aliases: ['t-shirt', 'tee', 'shirt', 'hoodie', 'sweatshirt', 'clothing'],
    ebay: { id: '15687', name: 'T-Shirts' },
    shopify: { id: 'Apparel', name: 'Apparel' },
  },
  // No platform has one category for "anything else": the seller picks one when listing.
  { slug: 'other', name: 'Other', aliases: ['misc', 'miscellaneous'] },
];

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function row(type: SeededType, index: number): string {
  const categories = Object.fromEntries(
    (['ebay', 'discogs', 'shopify'] as const).flatMap((platform) => (type[platform] ? [[platform, type[platform]]] : [])),
  );
  const uid = `type_${type.slug.replace(/-/g, '_')}`;
  const aliases = `ARRAY[${type.aliases.map(literal).join(', ')}]::character varying(50)[]`;
  return `(${literal(uid)}, ${literal(type.name)}, ${literal(type.slug)}, ${index + 1}, ${aliases}, ${literal(JSON.stringify(categories))}::jsonb)`;
}

/**
 * Inventory item types (seeded): global reference data, not tenant-owned. The public uid is `type_` and the slug
 * with `_` for `-` (`type_vinyl`, `type_box_set`, `type_8_track`); each type carries the category it maps to per platform.
 */
export class InventoryItemTypes1764670000000 implements MigrationInterface {
  name = 'InventoryItemTypes1764670000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inventory_item_types" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "name" character varying(100) NOT NULL, "slug" character varying(50) NOT NULL, "position" integer NOT NULL DEFAULT '0', "aliases" character varying(50) array NOT NULL DEFAULT '{}', "platform_categories" jsonb NOT NULL, CONSTRAINT "PK_c6c925c3c565e7213fa1d838bed" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9a9439918af85217a79d0c5b2e" ON "inventory_item_types"  ("uid") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_92d4967064b8fa9857530bec20" ON "inventory_item_types"  ("slug") `);
    await queryRunner.query(
      `INSERT INTO "inventory_item_types" ("uid", "name", "slug", "position", "aliases", "platform_categories") VALUES
      ${TYPES.map(row).join(',\n      ')}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "inventory_item_types"`);
  }
}
