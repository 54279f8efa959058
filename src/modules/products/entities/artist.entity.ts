import { Entity, Index } from 'typeorm';
import { NamedCatalogEntity } from './named-catalog.entity.js';

/** An artist, per organization. GIN trigram index on the name for `search` (created by migration). */
@Index('IDX_artists_name_trgm', { synchronize: false })
@Entity('artists')
export class Artist extends NamedCatalogEntity {}
