import { ORGANIZATION_ROLES } from '../../../common/auth/roles.js';
import { ApiProperty } from '@nestjs/swagger';
import { OrganizationDto } from '../../organizations/index.js';
import { SubscriptionDto } from '../../subscriptions/index.js';

export class UserDto {
  @ApiProperty({ description: 'Public identifier.', example: 'usr_7Yh3Kp9Lm2Nq4Rs6' })
  uid!: string;

  @ApiProperty({ description: 'Login name (the email address).', example: 'ann@example.com' })
  username!: string;

  @ApiProperty({ description: 'Email address, lowercased.', example: 'ann@example.com' })
  email!: string;

  @ApiProperty({ description: 'First name (may be empty).', example: 'Ann' })
  first_name!: string;

  @ApiProperty({ description: 'Last name (may be empty).', example: 'Lee' })
  last_name!: string;
}

export class MeDto extends UserDto {
  @ApiProperty({ description: 'Mobile number in E.164, or null.', example: '+14155550123', nullable: true, type: String })
  phone_number!: string | null;

  @ApiProperty({ description: "The caller's role in their organization.", enum: ORGANIZATION_ROLES, example: 'owner' })
  role!: string;

  @ApiProperty({ description: 'The organization every resource of the caller belongs to.', type: OrganizationDto })
  organization!: OrganizationDto;

  @ApiProperty({ description: "The organization's subscription.", type: SubscriptionDto, nullable: true })
  subscription!: SubscriptionDto | null;
}
