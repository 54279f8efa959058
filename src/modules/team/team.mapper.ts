import type { OrganizationMember } from '../users/index.js';
import { InviteDto, MemberDto } from './dto/team.dto.js';
import { OrganizationInvite } from './entities/organization-invite.entity.js';

export function mapMember(member: OrganizationMember): MemberDto {
  return {
    uid: member.uid,
    email: member.email,
    first_name: member.firstName,
    last_name: member.lastName,
    role: member.role,
    joined: member.joined.toISOString(),
  };
}

/** The invite as the team sees it: never its token (only its digest is kept anyway). */
export function mapInvite(invite: OrganizationInvite): InviteDto {
  return {
    uid: invite.uid,
    email: invite.email,
    role: invite.role,
    invited_by: invite.invitedBy ? { uid: invite.invitedBy.uid, email: invite.invitedBy.email } : null,
    expires_at: invite.expiresAt.toISOString(),
    created: invite.created.toISOString(),
  };
}
