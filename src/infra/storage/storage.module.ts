import { Global, Module } from '@nestjs/common';
import { FileStorage } from './file-storage.js';
import { LocalDiskStorage } from './local-disk.storage.js';
import { LocalDiskPrivateStorage, PrivateFileStorage } from './private-file-storage.js';

/** Provides the FileStorage port (served media, DATA_DIR/media) and PrivateFileStorage (DATA_DIR/private) to every module. */
@Global()
@Module({
  providers: [
    { provide: FileStorage, useClass: LocalDiskStorage },
    { provide: PrivateFileStorage, useClass: LocalDiskPrivateStorage },
  ],
  exports: [FileStorage, PrivateFileStorage],
})
export class StorageModule {}
