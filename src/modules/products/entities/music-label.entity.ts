import { Entity } from 'typeorm';
import { NamedCatalogEntity } from './named-catalog.entity.js';

/** A music label, per organization. */
@Entity('music_labels')
export class MusicLabel extends NamedCatalogEntity {}
