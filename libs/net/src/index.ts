export * from './address-ranges';
