import type { EntityManager } from 'typeorm';

/**
 * A check for work that a transaction needs done once however often it is asked for (a NOTIFY
 * that wakes a worker at commit, say): the returned function answers true the first time it is
 * called in a transaction and false after that. Outside a transaction it always answers true. A
 * transaction is known by its query runner (one per transaction), held weakly, so what is
 * remembered goes with it.
 */
export function oncePerTransaction(): (em: EntityManager) => boolean {
  const done = new WeakSet<object>();
  return (em) => {
    const transaction = em.queryRunner?.isTransactionActive ? em.queryRunner : undefined;
    if (!transaction) return true;
    if (done.has(transaction)) return false;
    done.add(transaction);
    return true;
  };
}
