/** What other modules may use of the team. */
export { TeamModule } from './team.module.js';
