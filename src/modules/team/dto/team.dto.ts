import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsEmail, IsIn, IsString, MaxLength } from 'class-validator';
import { ORGANIZATION_ROLES, type OrganizationRole } from '../../../common/auth/roles.js';
import { Msg } from '../../../common/errors/messages.js';
import { dateTimeProperty } from '../../../common/swagger/properties.js';
import { OrganizationDto } from '../../organizations/index.js';

const roleChoice = { message: (args: { value: unknown }) => Msg.choice(args.value) };

export class MemberDto {
  @ApiProperty({ description: "The member's user identifier.", example: 'usr_7Yh3Kp9Lm2Nq4Rs6' })
  uid!: string;

  @ApiProperty({ description: 'Email address.', example: 'ann@example.com' })
  email!: string;

  @ApiProperty({ description: 'First name (may be empty).', example: 'Ann' })
  first_name!: string;

  @ApiProperty({ description: 'Last name (may be empty).', example: 'Lee' })
  last_name!: string;

  @ApiProperty({ description: 'Role in the organization.', enum: ORGANIZATION_ROLES, example: 'admin' })
  role!: OrganizationRole;

  @ApiProperty(dateTimeProperty('When they joined the organization.'))
  joined!: string;
}

export class UpdateMemberDto {
  @ApiProperty({ description: 'The new role (`owner` is granted or taken only by an owner).', enum: ORGANIZATION_ROLES, example: 'admin' })
  @IsDefined({ message: Msg.required })
  @IsIn(ORGANIZATION_ROLES, roleChoice)
  role!: OrganizationRole;
}

export class InviterDto {
  @ApiProperty({ description: "The inviter's user identifier.", example: 'usr_7Yh3Kp9Lm2Nq4Rs6' })
  uid!: string;

  @ApiProperty({ description: "The inviter's email address.", example: 'ann@example.com' })
  email!: string;
}

export class InviteDto {
  @ApiProperty({ description: 'Invite identifier.', example: 'ivt_2Jk8Lp4Mn6Qr9St1' })
  uid!: string;

  @ApiProperty({ description: 'Who is invited (lowercased).', example: 'bob@example.com' })
  email!: string;

  @ApiProperty({ description: 'The role they get when they accept.', enum: ORGANIZATION_ROLES, example: 'member' })
  role!: OrganizationRole;

  @ApiProperty({ description: 'Who sent the invite (null once their account is gone).', type: InviterDto, nullable: true })
  invited_by!: InviterDto | null;

  @ApiProperty(dateTimeProperty('When the invite stops being valid.'))
  expires_at!: string;

  @ApiProperty(dateTimeProperty('When the invite was sent.'))
  created!: string;
}

export class CreateInviteDto {
  @ApiProperty({
    description: 'Email address to invite; the invitee must accept signed in with it.',
    example: 'bob@example.com',
    maxLength: 254,
  })
  @IsDefined({ message: Msg.required })
  @IsString({ message: Msg.string })
  @MaxLength(254, { message: Msg.maxLength(254) })
  @IsEmail({}, { message: Msg.email })
  email!: string;

  @ApiProperty({
    description: 'The role given on acceptance: `admin` or `member`; `owner` only when an owner invites.',
    enum: ORGANIZATION_ROLES,
    example: 'member',
  })
  @IsDefined({ message: Msg.required })
  @IsIn(ORGANIZATION_ROLES, roleChoice)
  role!: OrganizationRole;
}

export class AcceptedInviteDto {
  @ApiProperty({ description: 'The role the caller now has.', enum: ORGANIZATION_ROLES, example: 'member' })
  role!: OrganizationRole;

  @ApiProperty({ description: 'The organization the caller now belongs to.', type: OrganizationDto })
  organization!: OrganizationDto;
}
