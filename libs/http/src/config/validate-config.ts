import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';

/** One invalid environment variable and the rules it breaks. */
export interface ConfigProblem {
  variable: string;
  constraints: string[];
}

/** Thrown once at start-up, listing every invalid variable, so a deploy is fixed in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      ['Invalid configuration:', ...problems.map((p) => `- ${p.variable}: ${p.constraints.join('; ')}`)].join(
        '\n',
      ),
    );
    this.name = 'ConfigError';
  }
}

/** Builds and validates a class-validator-decorated config class from the environment. */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const config = plainToInstance(cls, pickDeclaredVariables(cls, env), { enableImplicitConversion: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(errors.map(toConfigProblem));
  return config;
}

/**
 * Only the variables the class declares are read (not PATH, HOME, ...). An empty value counts as
 * unset, as orchestrators often render an unset variable as `NAME=`.
 */
function pickDeclaredVariables(cls: new () => object, env: NodeJS.ProcessEnv): Record<string, string> {
  const declared = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .map((m) => m.propertyName),
  );
  const picked: Record<string, string> = {};
  for (const name of declared) {
    const value = env[name];
    if (value !== undefined && value !== '') picked[name] = value;
  }
  return picked;
}

function toConfigProblem(error: ValidationError): ConfigProblem {
  const prefix = `${error.property} `;
  // Decorators register bottom-up: reversed, the messages follow the order they are written in.
  const constraints = Object.values(error.constraints ?? {})
    .reverse()
    .map((message) => (message.startsWith(prefix) ? message.slice(prefix.length) : message));
  return { variable: error.property, constraints };
}
