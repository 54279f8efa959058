/** What other modules may use of users. */
export { UserDto } from './dto/user.dto.js';
export { UsersModule } from './users.module.js';
export type { NewUser } from './users.repository.js';
export { type OrganizationMember, type UserAccount, type UserCredentials, UsersService } from './users.service.js';
