export * from './dev-directory';
export * from './dev-provider-defaults';
export * from './dev-identity-provider';
export * from './signing-keys';
export * from './dev-access-token';
