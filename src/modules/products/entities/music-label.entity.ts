import { Entity, Index } from 'typeorm';
import { NamedCatalogEntity } from './named-catalog.entity.js';

/** A music label, per organization. GIN trigram index on the name for `search` (created by migration). */
@Index('IDX_music_labels_name_trgm', { synchronize: false })
@Entity('music_labels')
export class MusicLabel extends NamedCatalogEntity {}
