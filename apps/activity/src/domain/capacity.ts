/** The seats of an activity: held (tentative) plus confirmed may never exceed capacity. */
export interface Seats {
  capacity: number;
  held: number;
  confirmed: number;
}

export function availableSeats({ capacity, held, confirmed }: Seats): number {
  return Math.max(0, capacity - held - confirmed);
}

export function canHold(seats: Seats): boolean {
  return availableSeats(seats) > 0;
}

/** A new capacity is acceptable when it still fits every seat already held or confirmed. */
export function capacityFits(newCapacity: number, { held, confirmed }: Seats): boolean {
  return Number.isInteger(newCapacity) && newCapacity >= 0 && newCapacity >= held + confirmed;
}
