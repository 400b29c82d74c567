/** A youth-work team and the municipalities it serves (CBS codes). */
export interface Team {
  id: string;
  name: string;
  organisation: string;
  municipalityCodes: string[];
  createdAt: Date;
  updatedAt: Date;
}
