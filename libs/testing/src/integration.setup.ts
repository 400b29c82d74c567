// Integration tests start processes and wait on a real broker: a generous ceiling per test.
// Each wait inside a test is still a bounded poll on a condition (waitFor), never a fixed sleep.
jest.setTimeout(120_000);
