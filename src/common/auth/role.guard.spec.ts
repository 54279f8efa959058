import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DetailError } from '../errors/error-response.js';
import type { AuthContext } from './auth-context.js';
import { AnyRole, ManagersOnly, Public } from './decorators.js';
import { RoleGuard } from './role.guard.js';
import type { OrganizationRole } from './roles.js';

class Routes {
  undeclared() {}
  @AnyRole()
  anyone() {}
  @ManagersOnly()
  managers() {}
  @Public()
  open() {}
}

@ManagersOnly()
class ManagedRoutes {
  inherited() {}
  @AnyRole()
  overridden() {}
}

function contextOf(target: object, handler: keyof Routes | keyof ManagedRoutes, role: OrganizationRole | null): ExecutionContext {
  const auth =
    role &&
    ({ userId: '1', userUid: 'usr_1', organizationId: '1', role, timeZone: 'UTC', via: { kind: 'token', tokenId: '1' } } as AuthContext);
  return {
    getHandler: () => (target as Record<string, () => void>)[handler],
    getClass: () => target.constructor,
    switchToHttp: () => ({ getRequest: () => ({ user: auth ?? undefined }) }),
  } as unknown as ExecutionContext;
}

describe('RoleGuard', () => {
  const guard = new RoleGuard(new Reflector());
  const routes = new Routes();
  const managed = new ManagedRoutes();

  it('denies an authenticated route that declares no roles, whoever calls', () => {
    expect(() => guard.canActivate(contextOf(routes, 'undeclared', 'owner'))).toThrow(DetailError);
  });

  it('lets every role through a route open to any role', () => {
    for (const role of ['owner', 'admin', 'member'] as const) expect(guard.canActivate(contextOf(routes, 'anyone', role))).toBe(true);
  });

  it('keeps members out of a managers-only route with 403', () => {
    expect(guard.canActivate(contextOf(routes, 'managers', 'owner'))).toBe(true);
    expect(guard.canActivate(contextOf(routes, 'managers', 'admin'))).toBe(true);
    expect(() => guard.canActivate(contextOf(routes, 'managers', 'member'))).toThrow(
      expect.objectContaining({ status: 403 }) as unknown as Error,
    );
  });

  it('lets a public route through without a caller', () => {
    expect(guard.canActivate(contextOf(routes, 'open', null))).toBe(true);
  });

  it("uses the controller's roles unless the route declares its own", () => {
    expect(() => guard.canActivate(contextOf(managed, 'inherited', 'member'))).toThrow(DetailError);
    expect(guard.canActivate(contextOf(managed, 'overridden', 'member'))).toBe(true);
  });
});
