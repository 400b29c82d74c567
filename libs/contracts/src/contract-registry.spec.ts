import { ContractRegistry, SAMENSPEL_CONTRACTS } from './contract-registry';
import { allTopicSpecs, TOPIC_SPECS } from './topics';

describe('the contract registry', () => {
  it('registers every event type once, each on a known topic', () => {
    const types = SAMENSPEL_CONTRACTS.map((c) => c.type);
    expect(new Set(types).size).toBe(types.length);
    const topics = new Set(TOPIC_SPECS.map((t) => t.name));
    for (const c of SAMENSPEL_CONTRACTS) expect(topics.has(c.topic)).toBe(true);
  });

  it('names types as reverse-DNS CloudEvents types with a version', () => {
    for (const c of SAMENSPEL_CONTRACTS)
      expect(c.type).toMatch(/^nl\.(jeugdzorg|samenspel)\.[a-z.-]+\.v\d+$/);
  });

  it('refuses the same type registered on another topic', () => {
    const [first] = SAMENSPEL_CONTRACTS;
    const registry = new ContractRegistry([first]);
    expect(() => registry.register({ ...first, topic: 'elsewhere' })).toThrow(
      /already registered differently/,
    );
  });

  it('gives every inbound topic at least 6 partitions and every topic a dead-letter topic', () => {
    for (const t of TOPIC_SPECS.filter((t) => t.name.startsWith('jeugdzorg.')))
      expect(t.partitions).toBeGreaterThanOrEqual(6);
    const names = allTopicSpecs().map((t) => t.name);
    for (const t of TOPIC_SPECS) expect(names).toContain(`${t.name}.dlq`);
  });
});
