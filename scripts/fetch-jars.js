#!/usr/bin/env node
// Downloads the jars a lock file names from Maven Central into a folder, without Maven, checking each
// one's SHA-256 and size, and shows progress with the total size. Jars already there and intact are
// kept, so an interrupted fetch resumes.
//
//   node scripts/fetch-jars.js <lock file> <folder> [label]
//
// A lock line: group:artifact:version[:classifier] sha256 bytes. MAVEN_REPOSITORY_URL overrides the
// repository (a mirror with Maven Central's layout).
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const REPOSITORY = (process.env.MAVEN_REPOSITORY_URL || 'https://repo.maven.apache.org/maven2').replace(
  /\/$/,
  '',
);
const PARALLEL = 4;

function parseLock(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [coordinates, sha256, bytes] = line.split(/\s+/);
      const [group, artifact, version, classifier] = coordinates.split(':');
      if (!group || !artifact || !version || !/^[0-9a-f]{64}$/.test(sha256) || !/^[0-9]+$/.test(bytes)) {
        throw new Error(`not a lock line: ${line}`);
      }
      const file = `${artifact}-${version}${classifier ? `-${classifier}` : ''}.jar`;
      return {
        file,
        sha256,
        bytes: Number(bytes),
        url: `${REPOSITORY}/${group.replace(/\./g, '/')}/${artifact}/${version}/${file}`,
      };
    });
}

function intact(target, jar) {
  try {
    const data = fs.readFileSync(target);
    return data.length === jar.bytes && crypto.createHash('sha256').update(data).digest('hex') === jar.sha256;
  } catch {
    return false;
  }
}

const mib = (bytes) => (bytes / 1048576).toFixed(1);

async function fetchJars(lockFile, folder, label = 'fetch') {
  const jars = parseLock(fs.readFileSync(lockFile, 'utf8'));
  fs.mkdirSync(folder, { recursive: true });
  const missing = jars.filter((jar) => !intact(path.join(folder, jar.file), jar));
  const total = missing.reduce((sum, jar) => sum + jar.bytes, 0);
  if (missing.length === 0) return;
  const say = (line) => process.stderr.write(`[${label}] ${line}\n`);
  say(`downloading ${missing.length} jars, ${mib(total)} MiB, from ${new URL(REPOSITORY).host}`);
  let done = 0;
  let shownTenth = 0;
  const progress = (bytes) => {
    done += bytes;
    const tenth = Math.floor((done / total) * 10);
    if (tenth > shownTenth) {
      shownTenth = tenth;
      say(`${tenth * 10}% (${mib(done)} of ${mib(total)} MiB)`);
    }
  };
  const queue = [...missing];
  const worker = async () => {
    for (let jar = queue.shift(); jar; jar = queue.shift()) {
      const response = await fetch(jar.url);
      if (!response.ok) throw new Error(`${jar.url}: HTTP ${response.status}`);
      const chunks = [];
      for await (const chunk of response.body) {
        chunks.push(chunk);
        progress(chunk.length);
      }
      const data = Buffer.concat(chunks);
      const digest = crypto.createHash('sha256').update(data).digest('hex');
      if (data.length !== jar.bytes || digest !== jar.sha256) {
        throw new Error(
          `${jar.file}: got ${data.length} bytes with SHA-256 ${digest}, the lock says ${jar.bytes} and ${jar.sha256}`,
        );
      }
      const target = path.join(folder, jar.file);
      fs.writeFileSync(`${target}.part`, data);
      fs.renameSync(`${target}.part`, target);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  say(`${missing.length} jars in ${folder}`);
}

module.exports = { fetchJars, parseLock };

if (require.main === module) {
  const [lockFile, folder, label] = process.argv.slice(2);
  if (!lockFile || !folder) {
    process.stderr.write('usage: node scripts/fetch-jars.js <lock file> <folder> [label]\n');
    process.exit(2);
  }
  fetchJars(lockFile, folder, label).catch((error) => {
    process.stderr.write(`[${label || 'fetch'}] ${error.message}\n`);
    process.exit(1);
  });
}
