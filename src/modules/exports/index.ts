/** What other modules may use of exports. */
export { ExportsModule } from './exports.module.js';
export { ExportsService } from './exports.service.js';
