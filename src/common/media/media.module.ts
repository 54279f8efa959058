import { Module } from '@nestjs/common';
import { StorageModule } from '../../infra/storage/storage.module.js';
import { ImageIngest } from './image-ingest.js';

/** Import where uploads are taken: provides ImageIngest, and FileStorage through StorageModule. */
@Module({
  imports: [StorageModule],
  providers: [ImageIngest],
  exports: [ImageIngest, StorageModule],
})
export class MediaModule {}
