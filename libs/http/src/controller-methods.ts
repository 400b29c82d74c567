import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';

export interface ControllerMethod {
  controller: Type;
  name: string;
  handler: (...args: unknown[]) => unknown;
}

/** Every method of every controller the app registers, with the function its decorators annotate. */
export function controllerMethods(app: INestApplication): ControllerMethod[] {
  return [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].flatMap(({ metatype }) => {
      const controller = metatype as Type | null;
      if (!controller) return [];
      return Object.getOwnPropertyNames(controller.prototype).flatMap((name) => {
        const handler = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value as unknown;
        return name !== 'constructor' && typeof handler === 'function'
          ? [{ controller, name, handler: handler as ControllerMethod['handler'] }]
          : [];
      });
    }),
  );
}
