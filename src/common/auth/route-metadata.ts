import type { ExecutionContext, Type } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

/**
 * One route decorator's value (the handler's, else its controller's), read once per route: the global guards ask on
 * every request, and `Reflector` walks both prototype chains each time. Decorators run at import, so the value of a
 * route never changes while the application runs.
 */
export class RouteMetadata<T> {
  private readonly byHandler = new WeakMap<object, WeakMap<Type<unknown>, { value: T | undefined }>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly key: string,
  ) {}

  of(context: ExecutionContext): T | undefined {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byController = this.byHandler.get(handler);
    if (!byController) this.byHandler.set(handler, (byController = new WeakMap()));
    let entry = byController.get(controller);
    if (!entry) byController.set(controller, (entry = { value: this.reflector.getAllAndOverride<T>(this.key, [handler, controller]) }));
    return entry.value;
  }
}
