import { jest } from '@jest/globals';
import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RouteMetadata } from './route-metadata.js';

const FLAVOUR = 'test:flavour';

class BaseRoutes {
  plain() {}
  @SetMetadata(FLAVOUR, 'handler')
  decorated() {}
}

@SetMetadata(FLAVOUR, 'controller')
class DecoratedRoutes extends BaseRoutes {}

function contextOf(controller: new () => BaseRoutes, handler: 'plain' | 'decorated'): ExecutionContext {
  return { getHandler: () => controller.prototype[handler], getClass: () => controller } as unknown as ExecutionContext;
}

describe('RouteMetadata', () => {
  it("answers the handler's value, else its controller's, else undefined", () => {
    const flavour = new RouteMetadata<string>(new Reflector(), FLAVOUR);
    expect(flavour.of(contextOf(BaseRoutes, 'plain'))).toBeUndefined();
    expect(flavour.of(contextOf(BaseRoutes, 'decorated'))).toBe('handler');
    expect(flavour.of(contextOf(DecoratedRoutes, 'plain'))).toBe('controller');
    expect(flavour.of(contextOf(DecoratedRoutes, 'decorated'))).toBe('handler');
  });

  it('reads each route once, keeping apart one handler inherited by two controllers', () => {
    const reflector = new Reflector();
    const read = jest.spyOn(reflector, 'getAllAndOverride');
    const flavour = new RouteMetadata<string>(reflector, FLAVOUR);
    for (let call = 0; call < 3; call += 1) {
      expect(flavour.of(contextOf(BaseRoutes, 'plain'))).toBeUndefined();
      expect(flavour.of(contextOf(DecoratedRoutes, 'plain'))).toBe('controller');
    }
    expect(read).toHaveBeenCalledTimes(2);
  });
});
