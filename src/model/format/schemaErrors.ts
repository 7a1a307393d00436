import * as l10n from '@vscode/l10n';
import type { ErrorObject } from 'ajv';
import type { JSONPath } from 'jsonc-parser';
import { COLLECTIONS, entryName, type Collection } from './annotationTypes';

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
    // propertyNames wraps an error about the name itself; the wrapper says it better.
    if ((error as ErrorObject & { propertyName?: string }).propertyName !== undefined) continue;
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
      return l10n.t('{0} is missing "{1}".', capitalize(subject), String(params.missingProperty));
    case 'additionalProperties':
      return l10n.t('{0} has an unknown property "{1}".', capitalize(subject), String(params.additionalProperty));
    case 'enum':
      return l10n.t('{0} must be one of: {1}.', capitalize(subject), (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', '));
    case 'const':
      return l10n.t('{0} must be {1}.', capitalize(subject), JSON.stringify(params.allowedValue));
    case 'type':
      return l10n.t('{0} must be {1}.', capitalize(subject), String(params.type));
    case 'pattern':
      return path[path.length - 1] === 'url'
        ? l10n.t('{0} must be an http or https address.', capitalize(subject))
        : path[path.length - 1] === 'created'
          ? l10n.t('{0} must be a date such as 2022-09-16.', capitalize(subject))
          : l10n.t('{0} must be lower-case letters and digits joined by "-", "_" or "." (for example "edi-rama").', capitalize(subject));
    case 'minLength':
      return l10n.t('{0} must not be empty.', capitalize(subject));
    case 'maximum':
      return l10n.t('{0} must be a position in the article, at most {1}.', capitalize(subject), String(params.limit));
    case 'propertyNames':
      return l10n.t('{0} has no "kind", "type" or "name", so it holds this article\'s passages of the registry\'s entity with its id: it may have "mentions" and "exclusions", not "{1}". Add "kind", "type" and "name" to make it an entity of this article.', capitalize(subject), String(params.propertyName));
    case 'uniqueItems':
      return l10n.t('{0} lists the same value twice.', capitalize(subject));
    case 'anyOf':
      return path[path.length - 1] === 'claimant'
        ? l10n.t('{0} must be an entity id or null.', capitalize(subject))
        : l10n.t('{0} is not valid.', capitalize(subject));
    default:
      return error.message ? l10n.t('{0} {1}.', capitalize(subject), error.message) : l10n.t('{0} is not valid.', capitalize(subject));
  }
}

function describeSubject(path: JSONPath, value: Record<string, unknown>): string {
  if (path.length === 0) return l10n.t('the file');
  const [collection, index, ...rest] = path;
  if (COLLECTIONS.includes(collection as Collection) && typeof index === 'number') {
    const entries = value[collection as Collection] as Array<Record<string, unknown>>;
    const id = entries?.[index]?.id;
    const name = entryName(collection as Collection);
    const entry = typeof id === 'string' ? l10n.t('{0} "{1}"', name, id) : l10n.t('{0} number {1}', name, index + 1);
    return rest.length === 0 ? entry : l10n.t('"{0}" of {1}', rest.join('.'), entry);
  }
  return `"${path.join('.')}"`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
