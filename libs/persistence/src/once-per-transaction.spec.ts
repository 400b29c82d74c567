import type { EntityManager } from 'typeorm';
import { oncePerTransaction } from './once-per-transaction';

const inTransaction = () => ({ queryRunner: { isTransactionActive: true } }) as unknown as EntityManager;

describe('oncePerTransaction', () => {
  it('answers true once per transaction, and again in the next transaction', () => {
    const first = oncePerTransaction();
    const [a, b] = [inTransaction(), inTransaction()];
    expect([first(a), first(a), first(b), first(a), first(b)]).toEqual([true, false, true, false, false]);
  });

  it('always answers true outside a transaction', () => {
    const first = oncePerTransaction();
    const plain = { queryRunner: undefined } as unknown as EntityManager;
    const ended = { queryRunner: { isTransactionActive: false } } as unknown as EntityManager;
    expect([first(plain), first(plain), first(ended), first(ended)]).toEqual([true, true, true, true]);
  });

  it('keeps one memory per check', () => {
    const [relay, matcher] = [oncePerTransaction(), oncePerTransaction()];
    const em = inTransaction();
    expect([relay(em), matcher(em), relay(em), matcher(em)]).toEqual([true, true, false, false]);
  });
});
