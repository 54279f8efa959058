/** What the application uses of health. */
export { HealthModule } from './health.module.js';
