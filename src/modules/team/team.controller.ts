import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth, ManagersOnly } from '../../common/auth/decorators.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiPaginatedResponse, type Page, PageQueryDto, pageRequest } from '../../common/pagination/pagination.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ErrorDetailDto } from '../../common/swagger/error.dto.js';
import { AcceptedInviteDto, CreateInviteDto, InviteDto, MemberDto, UpdateMemberDto } from './dto/team.dto.js';
import { TeamService } from './team.service.js';

const DEFAULT_PAGE_SIZE = 20;

@ApiTags('Organization')
@ApiAuthErrors()
@Controller('api/v1/organization')
export class TeamController {
  constructor(private readonly team: TeamService) {}

  @Get('members/')
  @AnyRole()
  @ApiOperation({ summary: 'List the team', description: "The organization's members, in the order they joined." })
  @ApiPaginatedResponse(MemberDto)
  listMembers(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto, @Urls() urls: RequestUrls): Promise<Page<MemberDto>> {
    return this.team.listMembers(auth, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }

  @Patch('members/:uid/')
  @ManagersOnly()
  @ApiOperation({
    summary: "Change a member's role",
    description: 'Owners and admins only. Only an owner grants or takes the owner role; the last owner cannot be demoted (400).',
  })
  @ApiOkResponse({ type: MemberDto, description: 'The member with their new role.' })
  @ApiValidationError('An invalid role, or the last owner would be demoted.', {
    example: { non_field_errors: ['The organization must keep an owner: make another member an owner first.'] },
  })
  @ApiNotFound('No member with this uid in the organization.')
  updateMember(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string, @Body() body: UpdateMemberDto): Promise<MemberDto> {
    return this.team.updateRole(auth, uid, body.role);
  }

  @Delete('members/:uid/')
  @HttpCode(204)
  @AnyRole()
  @ApiOperation({
    summary: 'Remove a member, or leave',
    description:
      'Owners and admins remove members (only an owner removes an owner); anyone may remove themselves (leave). The last ' +
      'owner cannot leave (400). The removed user loses this organization at once (their API keys of it are deleted) and ' +
      'becomes the owner of a new organization of their own, with a trial.',
  })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiValidationError('The last owner would leave.', {
    example: { non_field_errors: ['The last owner cannot leave the organization: make another member an owner first.'] },
  })
  @ApiResponse({ status: 403, description: 'A member removing someone else, or an admin removing an owner.', type: ErrorDetailDto })
  @ApiNotFound('No member with this uid in the organization.')
  removeMember(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<void> {
    return this.team.removeMember(auth, uid);
  }

  @Get('invites/')
  @ManagersOnly()
  @ApiOperation({
    summary: 'List pending invites',
    description: 'Owners and admins only. Unaccepted, unexpired invites, newest first; never their token.',
  })
  @ApiPaginatedResponse(InviteDto)
  listInvites(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto, @Urls() urls: RequestUrls): Promise<Page<InviteDto>> {
    return this.team.listInvites(auth, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }

  @Post('invites/')
  @ManagersOnly()
  @ApiOperation({
    summary: 'Invite someone',
    description:
      'Owners and admins only. Emails a single-use link (`<PUBLIC_URL>/invites/<token>`) valid for 7 days. A new invite to ' +
      'an email with a pending one replaces it (the old link stops working). Only an owner invites an owner (403).',
  })
  @ApiCreatedResponse({ type: InviteDto, description: 'The invite (its token is only in the email).' })
  @ApiValidationError('Invalid fields, or the person is already a member.', {
    example: { email: ['This person is already a member of the organization.'] },
  })
  invite(@CurrentAuth() auth: AuthContext, @Body() body: CreateInviteDto): Promise<InviteDto> {
    return this.team.invite(auth, body);
  }

  @Delete('invites/:uid/')
  @HttpCode(204)
  @ManagersOnly()
  @ApiOperation({ summary: 'Withdraw an invite', description: 'Owners and admins only. Its link stops working.' })
  @ApiNoContentResponse({ description: 'Withdrawn.' })
  @ApiNotFound('No unaccepted invite with this uid in the organization.')
  deleteInvite(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<void> {
    return this.team.deleteInvite(auth, uid);
  }

  @Post('invites/:token/accept/')
  @HttpCode(200)
  @AnyRole()
  @ApiOperation({
    summary: 'Accept an invite',
    description:
      "Any signed-in user whose email is the invite's: they join its organization with its role and leave their own (their " +
      'API keys of it are deleted; the organization and its data stay). The last owner of a team with other members ' +
      'cannot join elsewhere (400).',
  })
  @ApiOkResponse({ type: AcceptedInviteDto, description: 'The organization joined and the role in it.' })
  @ApiValidationError('The invite has expired or was used, the caller is already a member, or is the last owner of a team.', {
    example: { non_field_errors: ['This invite has expired: ask for a new one.'] },
  })
  @ApiResponse({ status: 403, description: 'The invite was sent to another email address.', type: ErrorDetailDto })
  @ApiNotFound('No invite with this token.')
  accept(@CurrentAuth() auth: AuthContext, @Param('token') token: string): Promise<AcceptedInviteDto> {
    return this.team.accept(auth, token);
  }
}
