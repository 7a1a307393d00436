import type { ErrorObject } from 'ajv';
import type { JSONPath } from 'jsonc-parser';
import { COLLECTIONS, singular, type Collection } from './annotationTypes';

// ajv's errors as a person reads them: one per mistake, on the property at fault, naming the entry
// ("claim \"x\"") rather than a JSON pointer.

export function instancePathToJsonPath(instancePath: string): JSONPath {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** Drops ajv's bookkeeping errors (if/then, anyOf wrappers) that repeat what a more precise error says. */
export function selectUsefulSchemaErrors(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const useful: ErrorObject[] = [];
  // An entity's type fails both the list of all types and its kind's list (if/then): keep the kind's, the shorter.
  const narrowestEnum = new Map<string, number>();
  for (const error of errors) {
    if (error.keyword !== 'enum') continue;
    const count = (error.params.allowedValues as unknown[]).length;
    narrowestEnum.set(error.instancePath, Math.min(count, narrowestEnum.get(error.instancePath) ?? count));
  }
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (error.keyword === 'enum' && (error.params.allowedValues as unknown[]).length > narrowestEnum.get(error.instancePath)!) continue;
    // claimant: anyOf [id, null] yields three errors; keep a single one.
    if (error.schemaPath.includes('/anyOf/')) continue;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    useful.push(error);
  }
  return useful;
}

/** Turns an ajv error into a sentence that names the entry ("claim \"x\"") rather than a JSON pointer. */
export function describeSchemaError(error: ErrorObject, value: Record<string, unknown>): string {
  const path = instancePathToJsonPath(error.instancePath);
  const subject = describeSubject(path, value);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${capitalize(subject)} is missing "${String(params.missingProperty)}".`;
    case 'additionalProperties':
      return `${capitalize(subject)} has an unknown property "${String(params.additionalProperty)}".`;
    case 'enum':
      return `${capitalize(subject)} must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'const':
      return `${capitalize(subject)} must be ${JSON.stringify(params.allowedValue)}.`;
    case 'type':
      return `${capitalize(subject)} must be ${String(params.type)}.`;
    case 'pattern':
      return path[path.length - 1] === 'url'
        ? `${capitalize(subject)} must be an http or https address.`
        : path[path.length - 1] === 'created'
          ? `${capitalize(subject)} must be a date such as 2022-09-16.`
          : `${capitalize(subject)} must be lower-case letters and digits joined by "-", "_" or "." (for example "edi-rama").`;
    case 'minLength':
      return `${capitalize(subject)} must not be empty.`;
    case 'maximum':
      return `${capitalize(subject)} must be a position in the article, at most ${String(params.limit)}.`;
    case 'uniqueItems':
      return `${capitalize(subject)} lists the same value twice.`;
    case 'anyOf':
      return path[path.length - 1] === 'claimant'
        ? `${capitalize(subject)} must be an entity id or null.`
        : `${capitalize(subject)} is not valid.`;
    default:
      return `${capitalize(subject)} ${error.message ?? 'is not valid'}.`;
  }
}

function describeSubject(path: JSONPath, value: Record<string, unknown>): string {
  if (path.length === 0) return 'the file';
  const [collection, index, ...rest] = path;
  if (COLLECTIONS.includes(collection as Collection) && typeof index === 'number') {
    const entries = value[collection as Collection] as Array<Record<string, unknown>>;
    const id = entries?.[index]?.id;
    const entry = `${singular(collection as Collection)} ${typeof id === 'string' ? `"${id}"` : `number ${index + 1}`}`;
    return rest.length === 0 ? entry : `"${rest.join('.')}" of ${entry}`;
  }
  return `"${path.join('.')}"`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
