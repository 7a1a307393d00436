import { CLAIM_REFERENCE_PATTERN } from './claimReference';
import { ACTOR_TYPES, ENTITY_KINDS, RELATION_TYPES, STANCES, SYSTEM_TYPES } from './annotationTypes';

// JSON Schema (draft-07) of the annotation format. The build writes it to
// dist/marginalia.annotations.schema.json for `contributes.jsonValidation`; the loader checks with it too,
// so the editor's squiggles and the CLI agree.

const ID_PATTERN = '^[a-z0-9]+(?:[-_.][a-z0-9]+)*$';
/** No article is this long; a larger number (1e400 reads as Infinity) is a mistake, not a position. */
const MAX_POSITION = 2 ** 31 - 1;

const passageSelector = {
  type: 'object',
  description:
    'A W3C TextQuoteSelector (exact, prefix, suffix) with a TextPositionSelector hint (start, end in Unicode code points).',
  required: ['exact'],
  additionalProperties: false,
  properties: {
    exact: { type: 'string', minLength: 1, description: 'The quoted passage, exactly as in the article.' },
    prefix: { type: 'string', description: 'Text just before the passage (about 32 characters).' },
    suffix: { type: 'string', description: 'Text just after the passage (about 32 characters).' },
    position: {
      type: 'object',
      description: 'Where the passage was, in Unicode code points from the start of the Markdown file.',
      required: ['start', 'end'],
      additionalProperties: false,
      properties: {
        start: { type: 'integer', minimum: 0, maximum: MAX_POSITION },
        end: { type: 'integer', minimum: 0, maximum: MAX_POSITION },
      },
    },
    orphaned: {
      type: 'boolean',
      description: 'Set by "Keep as orphan": the passage is known to be gone from the article; the annotation is kept and shown as an orphan, without an error.',
    },
  },
} as const;

const entityId = { type: 'string', pattern: ID_PATTERN, description: 'An entity id.' } as const;

/** An actor's type is one of the actor types, a system's one of the system types. */
const KIND_TYPES = {
  if: { properties: { kind: { const: 'actor' } } },
  then: { properties: { type: { enum: [...ACTOR_TYPES] } } },
  else: { properties: { type: { enum: [...SYSTEM_TYPES] } } },
} as const;

/** The keys of an annotation file's entry that adds its article's passages to a registry's entity. */
export const SHARED_ENTITY_PASSAGE_KEYS = ['id', 'mentions', 'exclusions'] as const;

export const annotationFileSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://marginalia.invalid/schemas/annotations-v1.json',
  title: 'Marginalia annotation file, version 1',
  type: 'object',
  required: ['version', 'article', 'entities', 'claims', 'notes'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    version: { const: 1, description: 'Format version; this schema describes version 1.' },
    article: {
      type: 'string',
      minLength: 1,
      description: 'The Markdown article these annotations belong to, relative to this file.',
    },
    registry: {
      type: 'string',
      minLength: 1,
      description: 'Reserved: a shared entity registry for a folder of articles, relative to this file.',
    },
    entities: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id'],
        additionalProperties: false,
        description: 'An actor or system of this article; or, without "kind", "type" and "name", this article\'s passages ("mentions", "exclusions") of the registry\'s entity with this id.',
        properties: {
          id: { ...entityId, description: 'A stable, readable id: lower-case words joined by hyphens.' },
          kind: { enum: [...ENTITY_KINDS], description: 'actor (states, people, organisations, groups) or system.' },
          type: { enum: [...ACTOR_TYPES, ...SYSTEM_TYPES] },
          name: { type: 'string', minLength: 1 },
          aliases: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
          caseSensitive: { type: 'boolean', default: true },
          ignoreAccents: { type: 'boolean', default: false, description: 'Match the name and aliases with or without accents ("Kosovë" and "Kosove").' },
          summary: { type: 'string' },
          links: {
            type: 'array',
            items: {
              type: 'object',
              required: ['title', 'url'],
              additionalProperties: false,
              properties: {
                title: { type: 'string', minLength: 1 },
                url: { type: 'string', pattern: '^https?://' },
              },
            },
          },
          relations: {
            type: 'array',
            items: {
              type: 'object',
              required: ['type', 'entity'],
              additionalProperties: false,
              properties: { type: { enum: [...RELATION_TYPES] }, entity: entityId },
            },
          },
          mentions: { type: 'array', items: passageSelector },
          exclusions: { type: 'array', items: passageSelector },
        },
        allOf: [
          KIND_TYPES,
          {
            // Without kind, type and name, an entry adds passages to a registry's entity (issue 14).
            if: { not: { anyOf: [{ required: ['kind'] }, { required: ['type'] }, { required: ['name'] }] } },
            then: { propertyNames: { enum: [...SHARED_ENTITY_PASSAGE_KEYS] } },
            else: { required: ['kind', 'type', 'name'] },
          },
        ],
      },
    },
    claims: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'claimant', 'summary', 'passage'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: ID_PATTERN },
          claimant: {
            anyOf: [entityId, { type: 'null' }],
            description: 'The entity that makes the claim, or null for claims nobody in particular makes.',
          },
          about: { type: 'array', items: entityId, uniqueItems: true },
          summary: { type: 'string', minLength: 1 },
          passage: passageSelector,
          answers: {
            type: 'string',
            pattern: CLAIM_REFERENCE_PATTERN,
            description: 'The claim this one answers: its id, or, for a claim of another article, that article\'s path relative to this file, "#" and its id ("statement.md#denial").',
          },
          stance: { enum: [...STANCES], description: 'How this claim answers the claim named in `answers`.' },
        },
      },
    },
    rejectedSuggestions: {
      type: 'array',
      description: 'Suggestions the analyst rejected, so that they are not offered again.',
      items: {
        type: 'object',
        required: ['kind'],
        properties: { kind: { enum: ['entity', 'alias', 'exclusion', 'claim'] } },
        oneOf: [
          { required: ['kind', 'name'], additionalProperties: false, properties: { kind: { const: 'entity' }, name: { type: 'string', minLength: 1 } } },
          { required: ['kind', 'entity', 'alias'], additionalProperties: false, properties: { kind: { const: 'alias' }, entity: { type: 'string', minLength: 1 }, alias: { type: 'string', minLength: 1 } } },
          { required: ['kind', 'entity', 'quote', 'context'], additionalProperties: false, properties: { kind: { const: 'exclusion' }, entity: { type: 'string', minLength: 1 }, quote: { type: 'string', minLength: 1 }, context: { type: 'string' } } },
          { required: ['kind', 'quote'], additionalProperties: false, properties: { kind: { const: 'claim' }, quote: { type: 'string', minLength: 1 } } },
        ],
      },
    },
    notes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'passage', 'text'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: ID_PATTERN },
          passage: passageSelector,
          text: { type: 'string', minLength: 1 },
          author: { type: 'string' },
          created: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}' },
        },
      },
    },
  },
} as const;

/** An entity of a shared registry: an annotation file's entity without the passages of one article. */
const registryEntityProperties = Object.fromEntries(Object.entries(annotationFileSchema.properties.entities.items.properties).filter(([key]) => key !== 'mentions' && key !== 'exclusions'));

/**
 * JSON Schema of a registry of actors and systems shared by a folder of articles (issue 14). The build
 * writes it to dist/marginalia.registry.schema.json for `contributes.jsonValidation`.
 */
export const registrySchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://marginalia.invalid/schemas/registry-v1.json',
  title: 'Marginalia registry of shared actors and systems, version 1',
  type: 'object',
  required: ['version', 'entities'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    version: { const: 1, description: 'Format version; this schema describes version 1.' },
    entities: {
      type: 'array',
      description: 'The actors and systems the articles of this folder (and the folders in it) share; their mentions and exclusions stay in each article\'s annotation file.',
      items: { type: 'object', required: ['id', 'kind', 'type', 'name'], additionalProperties: false, properties: registryEntityProperties, ...KIND_TYPES },
    },
  },
} as const;
