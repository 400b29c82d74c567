/** Who made a change: a role and a subject (token `sub`, or an inbound event's source). */
export interface Actor {
  role: string;
  ref: string;
}
