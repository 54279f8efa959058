/** What the application uses of auth: the module and the global guard. */
export { AuthenticationGuard } from './authentication.guard.js';
export { AuthModule } from './auth.module.js';
