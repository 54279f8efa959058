/** What other modules may use of reports. */
export { ReportsModule } from './reports.module.js';
