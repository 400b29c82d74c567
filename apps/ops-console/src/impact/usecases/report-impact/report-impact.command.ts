export class ReportImpactCommand {
  /** A CBS municipality code, or 'unknown'; every municipality when absent. */
  readonly municipalityCode?: string;
  /** A month, "2026-11"; every month when absent. */
  readonly month?: string;

  constructor(fields: ReportImpactCommand) {
    Object.assign(this, fields);
  }
}
