import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const LOCK = join(ROOT, 'test/fhir/hapi-fhir-8.6.0.jars');
const SOURCE = join(ROOT, 'test/fhir/validator/Validate.java');
const CACHE = process.env.SAMENSPEL_CACHE ?? join(ROOT, '.cache');
const JARS = join(CACHE, 'hapi-fhir-8.6.0');

export interface ValidationMessage {
  severity: 'error' | 'warning' | 'information';
  location: string;
  message: string;
}

/** The HAPI validator's verdict on one resource. */
export interface ResourceVerdict {
  file: string;
  resourceType: string;
  error: number;
  warning: number;
  information: number;
  messages: ValidationMessage[];
}

/**
 * Validates FHIR R4 resources with the HAPI FHIR validator 8.6.0, all in one JVM run. Its jars are
 * fetched once into .cache/ (test/fhir/hapi-fhir-8.6.0.jars pins them), and Validate.java is
 * compiled once per version of its source.
 */
export async function validateWithHapi(resources: Record<string, object>): Promise<ResourceVerdict[]> {
  await run(process.execPath, [join(ROOT, 'scripts/fetch-jars.js'), LOCK, JARS, 'hapi-fhir'], {
    maxBuffer: 1 << 20,
  });
  const classpath = await compiled();
  const folder = mkdtempSync(join(tmpdir(), 'fhir-resources-'));
  try {
    for (const [name, resource] of Object.entries(resources)) {
      writeFileSync(join(folder, `${name}.json`), JSON.stringify(resource));
    }
    const { stdout } = await run(
      'java',
      ['-Xmx1g', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', classpath, 'Validate', folder],
      { maxBuffer: 16 << 20 },
    );
    return JSON.parse(stdout) as ResourceVerdict[];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The classpath of the compiled validator; javac runs only when Validate.java changed. */
async function compiled(): Promise<string> {
  const digest = createHash('sha256').update(readFileSync(SOURCE)).digest('hex').slice(0, 16);
  const classes = join(CACHE, 'fhir-validator', digest);
  const jars = join(JARS, '*');
  if (!existsSync(join(classes, 'Validate.class'))) {
    mkdirSync(classes, { recursive: true });
    await run('javac', ['-nowarn', '--release', '17', '-cp', jars, '-d', classes, SOURCE]);
  }
  return `${classes}:${jars}`;
}
