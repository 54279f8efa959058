import { Entity } from 'typeorm';
import { NamedCatalogEntity } from './named-catalog.entity.js';

/** An artist, per organization. */
@Entity('artists')
export class Artist extends NamedCatalogEntity {}
