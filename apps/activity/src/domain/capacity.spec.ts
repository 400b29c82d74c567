import { availableSeats, canHold, capacityFits } from './capacity';

describe('seat arithmetic', () => {
  it.each([
    // capacity, held, confirmed → available
    [10, 0, 0, 10],
    [10, 3, 6, 1],
    [10, 4, 6, 0],
    [0, 0, 0, 0],
  ])('capacity %i with %i held and %i confirmed leaves %i free', (capacity, held, confirmed, free) => {
    expect(availableSeats({ capacity, held, confirmed })).toBe(free);
  });

  it('holds a seat while one is free, and none when the activity is full', () => {
    expect(canHold({ capacity: 10, held: 4, confirmed: 5 })).toBe(true);
    expect(canHold({ capacity: 10, held: 4, confirmed: 6 })).toBe(false);
  });

  it.each([
    [9, true], // 4 held + 5 confirmed = 9 occupied: 9 still fits
    [10, true],
    [8, false], // below the 9 occupied seats
    [-1, false],
    [9.5, false],
  ])('a new capacity of %p fits 4 held + 5 confirmed: %p', (capacity, fits) => {
    expect(capacityFits(capacity, { capacity: 10, held: 4, confirmed: 5 })).toBe(fits);
  });
});
