export class ReportImpactCommand {
  /** CBS municipality codes (or 'unknown'); every municipality when absent. */
  readonly municipalityCodes?: readonly string[];
  /** A month "2026-11", quarter "2026-Q4" or year "2026"; every month with figures when absent. */
  readonly period?: string;

  constructor(fields: ReportImpactCommand) {
    Object.assign(this, fields);
  }
}
