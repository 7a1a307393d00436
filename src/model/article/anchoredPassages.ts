import * as l10n from '@vscode/l10n';
import { findNodeAtLocation, modify, parseTree, type Edit } from 'jsonc-parser';
import { formatJsonValue, indentationOfLineAt, jsonFormatting } from '../format/jsonFormatting';
import type { ParsedAnnotationFile } from '../format/annotationFileParser';
import type { PassageSelector } from '../format/annotationTypes';
import type { EntityPassage, ResolvedClaim, ResolvedNote } from './articleModel';
import type { ArticleText } from '../anchoring/articleText';
import type { ResolvedAnchor } from '../anchoring/passageAnchor';

/** Every anchored passage of an annotation file: claims, notes, and entities' explicit mentions and exclusions. */
export interface AnchoredPassage {
  /** How messages name it: 'claim "x"', 'a mention of "y"'. */
  what: string;
  selector: PassageSelector;
  anchor: ResolvedAnchor;
  /** Where the selector is in the annotation file. */
  path: Array<string | number>;
}

interface AnchoredParts {
  annotationFile: ParsedAnnotationFile;
  explicitMentions: readonly EntityPassage[];
  exclusions: readonly EntityPassage[];
  claims: readonly ResolvedClaim[];
  notes: readonly ResolvedNote[];
}

export function anchoredPassages(parts: AnchoredParts): AnchoredPassage[] {
  const { sourceIndexes } = parts.annotationFile;
  return [
    ...parts.claims.map((claim, i) => new Passage('claim', claim.record.id, claim.record.passage, claim.anchor, ['claims', sourceIndexes.claims[i], 'passage'])),
    ...parts.notes.map((note, i) => new Passage('note', note.record.id, note.record.passage, note.anchor, ['notes', sourceIndexes.notes[i], 'passage'])),
    ...parts.explicitMentions.map((passage) => new Passage('mention', passage.entityId, passage.selector, passage.anchor, passage.path)),
    ...parts.exclusions.map((passage) => new Passage('exclusion', passage.entityId, passage.selector, passage.anchor, passage.path)),
  ];
}

/** A passage whose name in messages is written only when read: only a problem or a fix reads it, and most passages have neither. */
class Passage implements AnchoredPassage {
  constructor(
    private readonly kind: 'claim' | 'note' | 'mention' | 'exclusion',
    private readonly id: string,
    readonly selector: PassageSelector,
    readonly anchor: ResolvedAnchor,
    readonly path: Array<string | number>,
  ) {}

  get what(): string {
    switch (this.kind) {
      case 'claim':
        return l10n.t('claim "{0}"', this.id);
      case 'note':
        return l10n.t('note "{0}"', this.id);
      case 'mention':
        return l10n.t('a mention of "{0}"', this.id);
      case 'exclusion':
        return l10n.t('an exclusion of "{0}"', this.id);
    }
  }
}

/** A selector to write at a path of the annotation file. */
export interface SelectorChange {
  path: Array<string | number>;
  selector: PassageSelector;
}

/**
 * The selectors that no longer describe where their passage is (moved or fuzzy anchors): quote,
 * 32 characters of context and code point positions, as they read now. Orphans are left alone.
 */
export function staleSelectors(passages: readonly AnchoredPassage[], source: ArticleText): SelectorChange[] {
  const changes: SelectorChange[] = [];
  for (const passage of passages) {
    if (passage.anchor.status === 'orphan') continue;
    const fresh = source.describe(passage.anchor.start, passage.anchor.end);
    const stored = passage.selector;
    const same =
      stored.exact === fresh.exact &&
      stored.prefix === fresh.prefix &&
      stored.suffix === fresh.suffix &&
      stored.position?.start === fresh.position?.start &&
      stored.position?.end === fresh.position?.end &&
      !stored.orphaned;
    if (!same) changes.push({ path: passage.path, selector: fresh });
  }
  return changes;
}

/**
 * Text edits that write each selector at its path, in the format's key order (exact, prefix, suffix,
 * position, orphaned) and the file's own indentation and line ends, so that written files stay in one
 * stable, diff-friendly form. The file is parsed once and each selector replaced where it is: linear in
 * the file and the changes. The edits do not overlap: apply them together.
 */
export function selectorEdits(annotationText: string, changes: readonly SelectorChange[]): Edit[] {
  const root = parseTree(annotationText);
  const formatting = jsonFormatting(annotationText);
  const edits: Edit[] = [];
  for (const { path, selector } of changes) {
    const { exact, prefix, suffix, position, orphaned } = selector;
    const ordered: PassageSelector = { exact, prefix, suffix, position, ...(orphaned ? { orphaned } : {}) };
    const node = root && findNodeAtLocation(root, path);
    if (!node) {
      // Not there (never, for paths from the parse of this text): let jsonc-parser insert it.
      edits.push(...modify(annotationText, path, ordered, { formattingOptions: formatting }));
      continue;
    }
    edits.push({ offset: node.offset, length: node.length, content: formatJsonValue(ordered, formatting, indentationOfLineAt(annotationText, node.offset)) });
  }
  return edits.sort((a, b) => a.offset - b.offset);
}
