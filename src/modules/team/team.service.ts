import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import type { OrganizationRole } from '../../common/auth/roles.js';
import { newBearerToken, sha256Hex } from '../../common/auth/secrets.js';
import { DetailError, foundOrFail, NotFound, ValidationFailed } from '../../common/errors/error-response.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { Mailer } from '../../infra/mail/mailer.js';
import { ApiKeysService } from '../api-keys/index.js';
import { OrganizationsService } from '../organizations/index.js';
import { SubscriptionsService } from '../subscriptions/index.js';
import { type OrganizationMember, UsersService } from '../users/index.js';
import { AcceptedInviteDto, CreateInviteDto, InviteDto, MemberDto } from './dto/team.dto.js';
import { InvitesRepository } from './invites.repository.js';
import { mapInvite, mapMember } from './team.mapper.js';
import {
  INVITE_TTL_DAYS,
  inviteExpiry,
  inviteLink,
  inviteRoleProblem,
  inviteState,
  removalProblem,
  roleChangeProblem,
  switchOrganizationProblem,
  TeamMsg,
  type TeamProblem,
} from './team.rules.js';

const UNIQUE_VIOLATION = '23505';

function refuse(problem: TeamProblem | null): void {
  if (!problem) return;
  if (problem.status === 403) throw new DetailError(403, problem.message);
  throw new ValidationFailed({ non_field_errors: [problem.message] });
}

function ownersOf(members: OrganizationMember[]): number {
  return members.filter((member) => member.role === 'owner').length;
}

/**
 * Members and invites. Every change to who is in a team takes the team's member rows' locks first, so two changes
 * never both see a second owner that the other is removing.
 */
@Injectable()
export class TeamService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly invites: InvitesRepository,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly subscriptions: SubscriptionsService,
    private readonly apiKeys: ApiKeysService,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  listMembers(auth: AuthContext, request: PageRequest, urls: RequestUrls): Promise<Page<MemberDto>> {
    return paginate(
      request,
      {
        count: () => this.users.countMembers(auth.organizationId),
        rows: async (offset, limit) => (await this.users.membersPage(auth.organizationId, offset, limit)).map(mapMember),
      },
      urls,
    );
  }

  async updateRole(auth: AuthContext, uid: string, role: OrganizationRole): Promise<MemberDto> {
    await this.db.transaction(async () => {
      const members = await this.users.lockMembers(auth.organizationId);
      const target = foundOrFail(members.find((member) => member.uid === uid));
      refuse(roleChangeProblem(auth.role, target.role, role, ownersOf(members)));
      await this.users.setRole(auth.organizationId, target.id, role);
    });
    return mapMember(foundOrFail(await this.users.memberByUid(auth.organizationId, uid)));
  }

  /**
   * A manager removes a member, or a member leaves. They lose this organization at once: their sessions resolve
   * the organization from their account on every request, and their API keys of this organization are deleted.
   * So that their account still works, they become the owner of a new organization of their own, with a trial.
   */
  async removeMember(auth: AuthContext, uid: string): Promise<void> {
    await this.db.transaction(async () => {
      const members = await this.users.lockMembers(auth.organizationId);
      const target = foundOrFail(members.find((member) => member.uid === uid));
      refuse(removalProblem(auth.role, target.role, target.id === auth.userId, ownersOf(members)));
      const own = await this.organizations.create(undefined, { email: target.email, firstName: target.firstName });
      await this.subscriptions.startTrial(own.id);
      await this.users.moveToOrganization(target.id, own.id, 'owner');
      await this.apiKeys.deleteForUser(auth.organizationId, target.id);
    });
  }

  listInvites(auth: AuthContext, request: PageRequest, urls: RequestUrls): Promise<Page<InviteDto>> {
    return paginate(
      request,
      {
        count: () => this.invites.countPending(auth.organizationId),
        rows: async (offset, limit) => (await this.invites.pagePending(auth.organizationId, offset, limit)).map(mapInvite),
      },
      urls,
    );
  }

  /** Creates the invite (replacing an unaccepted one to the same email) and emails its link, in one transaction. */
  async invite(auth: AuthContext, input: CreateInviteDto): Promise<InviteDto> {
    refuse(inviteRoleProblem(auth.role, input.role));
    const email = input.email.trim().toLowerCase();
    const token = newBearerToken();
    try {
      const id = await this.db.transaction(async () => {
        const members = await this.users.lockMembers(auth.organizationId);
        if (members.some((member) => member.email === email)) throw new ValidationFailed({ email: [TeamMsg.alreadyMember] });
        await this.invites.deleteOpenForEmail(auth.organizationId, email);
        const invite = await this.invites.create({
          organizationId: auth.organizationId,
          email,
          role: input.role,
          tokenHash: sha256Hex(token),
          invitedById: auth.userId,
          expiresAt: inviteExpiry(new Date()),
        });
        const organization = await this.organizations.get(auth.organizationId);
        const inviter = members.find((member) => member.id === auth.userId);
        await this.mailer.send(inviteEmail(email, token, organization.display_name, inviter?.email ?? null, this.config.publicUrl));
        return invite.id;
      });
      return mapInvite(foundOrFail(await this.invites.findOwnedWithInviter(auth.organizationId, id)));
    } catch (error) {
      // Two invites to the same email at once: the unique index keeps one.
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new ValidationFailed({ email: ['An invite to this email is being sent already.'] });
      }
      throw error;
    }
  }

  async deleteInvite(auth: AuthContext, uid: string): Promise<void> {
    if (!(await this.invites.deleteOpen(auth.organizationId, uid))) throw new NotFound();
  }

  /**
   * The caller joins the invite's organization with its role. An unknown token is a 404; an expired or used one,
   * or one the caller cannot act on, a 400; an invite to another email a 403. The caller's API keys of their old
   * organization are deleted; that organization stays as it is (with its data), even when nobody is left in it.
   */
  async accept(auth: AuthContext, token: string): Promise<AcceptedInviteDto> {
    const { organizationId, role } = await this.db.transaction(async () => {
      const invite = foundOrFail(await this.invites.lockByTokenHash(sha256Hex(token)));
      const state = inviteState(invite, new Date());
      if (state === 'used') refuse({ status: 400, message: TeamMsg.inviteUsed });
      if (state === 'expired') refuse({ status: 400, message: TeamMsg.inviteExpired });
      const current = await this.users.lockMembers(auth.organizationId);
      const caller = foundOrFail(current.find((member) => member.id === auth.userId));
      if (caller.email !== invite.email) refuse({ status: 403, message: TeamMsg.inviteForAnotherEmail });
      if (invite.organizationId === auth.organizationId) refuse({ status: 400, message: TeamMsg.callerAlreadyMember });
      refuse(switchOrganizationProblem(caller.role, ownersOf(current), current.length));
      await this.users.moveToOrganization(caller.id, invite.organizationId, invite.role);
      await this.apiKeys.deleteForUser(auth.organizationId, caller.id);
      await this.invites.markAccepted(invite.organizationId, invite.id);
      return { organizationId: invite.organizationId, role: invite.role };
    });
    return { role, organization: await this.organizations.get(organizationId) };
  }
}

function inviteEmail(to: string, token: string, organizationName: string, inviter: string | null, publicUrl: string) {
  const link = inviteLink(publicUrl, token);
  const who = inviter ? `${inviter} invited you` : 'You are invited';
  return {
    to,
    subject: `Join ${organizationName} on Instica`,
    text:
      `${who} to join ${organizationName} on Instica.\n\n` +
      `Accept the invite: ${link}\n\n` +
      `Sign in with this email address (${to}) to accept. The invite can be used once and expires in ${INVITE_TTL_DAYS} days.\n` +
      `Integrations accept it with POST /api/v1/organization/invites/${token}/accept/.\n`,
    purpose: 'invite',
  };
}
