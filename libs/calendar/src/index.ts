export * from './calendar-date';
export * from './working-days';
export * from './dutch-public-holidays';
