/** What other modules may use of imports: the module itself (nothing else depends on imports). */
export { ImportsModule } from './imports.module.js';
