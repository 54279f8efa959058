import { UserDto } from './dto/user.dto.js';
import { User } from './entities/user.entity.js';

export function mapUser(user: User): UserDto {
  return {
    uid: user.uid,
    username: user.username,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
  };
}
