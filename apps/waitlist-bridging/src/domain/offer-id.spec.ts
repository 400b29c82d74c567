import { offerIdFor, uuidV5 } from './offer-id';

describe('deterministic offer ids', () => {
  it('computes the RFC 9562 test vector for www.example.com in the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives a retried first offer the same id, and the second offer another one', () => {
    const first = offerIdFor('UTR-WL-2026-000123', 1);
    expect(offerIdFor('UTR-WL-2026-000123', 1)).toBe(first);
    expect(offerIdFor('UTR-WL-2026-000123', 2)).not.toBe(first);
    expect(offerIdFor('AMF-WL-2026-000123', 1)).not.toBe(first);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
