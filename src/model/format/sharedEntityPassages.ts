/**
 * Whether an entry of an annotation file's "entities" holds the article's passages of a registry's
 * entity (issue 14) rather than being an entity: it has no kind, type or name, only an id and
 * "mentions" or "exclusions".
 */
export function isSharedEntityPassages(entry: unknown): boolean {
  if (!entry || typeof entry !== 'object') return false;
  const record = entry as Record<string, unknown>;
  return record.kind === undefined && record.type === undefined && record.name === undefined;
}
