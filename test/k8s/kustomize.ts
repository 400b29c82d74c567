import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/**
 * A small, exact subset of `kubectl kustomize`, enough to render deploy/k8s without the binary:
 * `resources` (files and directories with a kustomization.yaml), `patches` with a JSON 6902 patch
 * file and a kind/name target, `images` (on pod templates' containers; a new name, tag or digest) and `namespace`. Any other field is refused, so the manifests never
 * use a feature this renderer would silently ignore.
 */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  patches?: { path: string; target: { kind: string; name: string } }[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
}

interface PodTemplateOwner {
  spec?: { template?: { spec?: { containers?: { image: string }[]; initContainers?: { image: string }[] } } };
}

type PatchOperation =
  { op: 'add' | 'replace' | 'test'; path: string; value: unknown } | { op: 'remove'; path: string };

const FIELDS = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'patches', 'images']);
/** The cluster-scoped kinds kustomize's namespace transformer leaves alone (those we could use). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
]);

/** Renders the kustomization in `dir` into its list of resources. */
export function kustomize(dir: string): Manifest[] {
  const file = join(dir, 'kustomization.yaml');
  const kustomization = parse(readFileSync(file, 'utf8')) as Kustomization;
  const unsupported = Object.keys(kustomization).filter((field) => !FIELDS.has(field));
  if (unsupported.length > 0) throw new Error(`${file}: unsupported fields ${unsupported.join(', ')}`);
  if (kustomization.kind !== 'Kustomization') throw new Error(`${file}: kind must be Kustomization`);

  const resources = (kustomization.resources ?? []).flatMap((entry) => {
    const path = resolve(dir, entry);
    return statSync(path).isDirectory() ? kustomize(path) : readManifests(path);
  });
  for (const patch of kustomization.patches ?? []) {
    const operations = parse(readFileSync(resolve(dir, patch.path), 'utf8')) as PatchOperation[];
    if (!Array.isArray(operations))
      throw new Error(`${patch.path}: only JSON 6902 patches (a list) are supported`);
    const targets = resources.filter(
      (r) => r.kind === patch.target.kind && r.metadata.name === patch.target.name,
    );
    if (targets.length !== 1) throw new Error(`${patch.path}: ${targets.length} targets, expected 1`);
    for (const operation of operations) applyOperation(targets[0], operation, patch.path);
  }
  for (const image of kustomization.images ?? []) {
    for (const resource of resources) {
      const pod = (resource as PodTemplateOwner).spec?.template?.spec;
      for (const container of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
        const [name, tag] = splitImage(container.image);
        if (name !== image.name) continue;
        // A digest replaces the tag, as kustomize writes it: name@sha256:….
        const newTag = image.newTag ?? tag;
        const reference = image.digest ? `@${image.digest}` : newTag ? `:${newTag}` : '';
        container.image = `${image.newName ?? name}${reference}`;
      }
    }
  }
  if (kustomization.namespace) {
    for (const resource of resources) {
      if (!CLUSTER_SCOPED.has(resource.kind)) resource.metadata.namespace = kustomization.namespace;
    }
  }
  const ids = resources.map(
    (r) => `${r.apiVersion.split('/')[0]}|${r.kind}|${r.metadata.namespace ?? ''}|${r.metadata.name}`,
  );
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`${file}: resource ${duplicate} appears twice`);
  return resources;
}

/** `registry:5000/a/b:1.2` → ['registry:5000/a/b', '1.2']: the tag follows the last slash. */
function splitImage(image: string): [string, string | undefined] {
  if (image.includes('@')) return [image.slice(0, image.indexOf('@')), undefined];
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/')
    ? [image.slice(0, colon), image.slice(colon + 1)]
    : [image, undefined];
}

/** Every document of a multi-document YAML file; YAML errors (duplicate keys included) throw. */
export function readManifests(path: string): Manifest[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = doc.toJS() as Manifest | null;
    if (value === null) return [];
    if (typeof value.apiVersion !== 'string' || typeof value.kind !== 'string' || !value.metadata?.name) {
      throw new Error(`${path}: a document without apiVersion, kind or metadata.name`);
    }
    return [value];
  });
}

/** RFC 6902 on a plain object tree, for the operations kustomize's JSON patches use. */
function applyOperation(resource: Manifest, operation: PatchOperation, file: string): void {
  const keys = operation.path
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop();
  if (last === undefined) throw new Error(`${file}: cannot patch the whole resource`);
  let parent: unknown = resource;
  for (const key of keys) {
    parent = (parent as Record<string, unknown> | undefined)?.[key];
    if (parent === null || typeof parent !== 'object') throw new Error(`${file}: no ${operation.path}`);
  }
  // Arrays are indexed by number; objects by key. Both are written through the record view.
  const list = Array.isArray(parent) ? (parent as unknown[]) : undefined;
  const record = parent as Record<string, unknown>;
  const exists = list ? Number(last) < list.length : last in record;
  switch (operation.op) {
    case 'add':
      if (list) list.splice(last === '-' ? list.length : Number(last), 0, operation.value);
      else record[last] = operation.value;
      return;
    case 'replace':
      if (!exists) throw new Error(`${file}: cannot replace missing ${operation.path}`);
      record[last] = operation.value;
      return;
    case 'remove':
      if (!exists) throw new Error(`${file}: cannot remove missing ${operation.path}`);
      if (list) list.splice(Number(last), 1);
      else delete record[last];
      return;
    case 'test':
      if (JSON.stringify(record[last]) !== JSON.stringify(operation.value)) {
        throw new Error(`${file}: test failed at ${operation.path}`);
      }
      return;
  }
}
