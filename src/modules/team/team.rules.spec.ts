import {
  inviteExpiry,
  inviteLink,
  inviteRoleProblem,
  inviteState,
  removalProblem,
  roleChangeProblem,
  switchOrganizationProblem,
  TeamMsg,
} from './team.rules.js';

describe('team rules', () => {
  it('lets only owners grant or take the owner role', () => {
    expect(roleChangeProblem('admin', 'member', 'admin', 1)).toBeNull();
    expect(roleChangeProblem('admin', 'member', 'owner', 1)).toEqual({ status: 403, message: TeamMsg.ownerOnly });
    expect(roleChangeProblem('admin', 'owner', 'member', 2)).toEqual({ status: 403, message: TeamMsg.ownerOnly });
    expect(roleChangeProblem('owner', 'member', 'owner', 1)).toBeNull();
    expect(roleChangeProblem('owner', 'owner', 'admin', 2)).toBeNull();
  });

  it('never demotes the last owner', () => {
    expect(roleChangeProblem('owner', 'owner', 'admin', 1)).toEqual({ status: 400, message: TeamMsg.lastOwnerDemoted });
    expect(roleChangeProblem('owner', 'owner', 'owner', 1)).toBeNull();
  });

  it('lets managers remove members, anyone leave, and no one remove the last owner', () => {
    expect(removalProblem('admin', 'member', false, 1)).toBeNull();
    expect(removalProblem('member', 'admin', false, 1)).toEqual({ status: 403, message: TeamMsg.managersOnly });
    expect(removalProblem('member', 'member', true, 1)).toBeNull();
    expect(removalProblem('admin', 'owner', false, 2)).toEqual({ status: 403, message: TeamMsg.ownerOnly });
    expect(removalProblem('owner', 'owner', false, 2)).toBeNull();
    expect(removalProblem('owner', 'owner', true, 1)).toEqual({ status: 400, message: TeamMsg.lastOwnerLeaves });
  });

  it('lets only owners invite owners', () => {
    expect(inviteRoleProblem('admin', 'member')).toBeNull();
    expect(inviteRoleProblem('admin', 'owner')?.status).toBe(403);
    expect(inviteRoleProblem('owner', 'owner')).toBeNull();
  });

  it('keeps the last owner of a team with other members from joining elsewhere', () => {
    expect(switchOrganizationProblem('owner', 1, 1)).toBeNull();
    expect(switchOrganizationProblem('owner', 1, 2)).toEqual({ status: 400, message: TeamMsg.lastOwnerJoinsElsewhere });
    expect(switchOrganizationProblem('owner', 2, 3)).toBeNull();
    expect(switchOrganizationProblem('member', 1, 3)).toBeNull();
  });

  it('tells pending, expired and used invites apart', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const expiresAt = inviteExpiry(now);
    expect(expiresAt.toISOString()).toBe('2026-03-08T12:00:00.000Z');
    expect(inviteState({ expiresAt, acceptedAt: null }, now)).toBe('pending');
    expect(inviteState({ expiresAt, acceptedAt: null }, expiresAt)).toBe('expired');
    expect(inviteState({ expiresAt, acceptedAt: now }, now)).toBe('used');
  });

  it('links to the web page of the invite', () => {
    expect(inviteLink('https://shop.example.com', 'abc-_1')).toBe('https://shop.example.com/invites/abc-_1');
  });
});
