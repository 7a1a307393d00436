import * as l10n from '@vscode/l10n';
import { rangeInAnnotationFile } from '../format/annotationFileParser';
import { lastPathSegment } from '../format/articlePaths';
import { anchoredPassages } from './anchoredPassages';
import type { EntityPassage, ModelParts } from './articleModel';
import { readingMatches, type TextBlock } from './readingMatches';
import { lineEndAt, lineStartAt } from '../text/lineIndex';
import { MIN_FUZZY_SCORE } from '../anchoring/passageAnchor';
import type { Problem } from '../format/problem';
import { abbreviate } from '../text/abbreviate';
import { STEPS_BETWEEN_PAUSES, type ResumableWork } from '../text/resumableWork';
import type { RelativeIntervals } from '../text/relativeIntervals';

/**
 * A model's problems: the article's and the annotation file's own, then what anchoring found (a file
 * named for another article, exclusions that exclude nothing, positions past the end, passages lost,
 * reported both on their annotation entry and where they were in the article).
 */
export function* modelProblems(parts: ModelParts): ResumableWork<Problem[]> {
  const { article, annotationFile } = parts;
  const problems: Problem[] = [...article.problems, ...annotationFile.problems];
  const annotations = annotationFile.annotations;
  const expectedArticle = lastPathSegment(article.fileName);
  if (annotations && annotations.article !== expectedArticle) {
    problems.push({
      file: annotationFile.fileName,
      severity: 'warning',
      code: 'article-name',
      message: `"article" is "${annotations.article}", but this file sits beside ${expectedArticle}, the article it annotates.`,
      ...rangeInAnnotationFile(annotationFile, ['article']),
    });
  }
  let steps = 0;
  for (const passage of parts.exclusions) {
    if (++steps % 64 === 0) yield; // each looks at the lines of its passage again
    if (passage.anchor.status !== 'orphan' && !excludesAMatch(parts, passage)) {
      problems.push({
        file: annotationFile.fileName,
        severity: 'warning',
        code: 'exclusion-unused',
        message: l10n.t('This exclusion of "{0}" covers no match of its name or aliases; it has no effect.', passage.entityId),
        ...rangeInAnnotationFile(annotationFile, [...passage.path, 'exact']),
      });
    }
  }
  for (const passage of anchoredPassages(parts)) {
    if (++steps % STEPS_BETWEEN_PAUSES === 0) yield;
    const position = passage.selector.position;
    if (position && position.start <= position.end && position.end > parts.article.source.codePoints.codePointLength) {
      problems.push({
        file: annotationFile.fileName,
        severity: 'warning',
        code: 'position-past-end',
        message: l10n.t('The position of {0} ends at {1}, past the end of the article ({2} code points); it is ignored as a hint.', passage.what, position.end, parts.article.source.codePoints.codePointLength),
        ...rangeInAnnotationFile(annotationFile, [...passage.path, 'position']),
      });
    }
    if (passage.anchor.status !== 'orphan') continue;
    // Kept as an orphan on purpose: shown, but not as an error.
    const kept = passage.selector.orphaned === true;
    const quote = abbreviate(passage.selector.exact, 58);
    problems.push({
      file: annotationFile.fileName,
      severity: kept ? 'info' : 'error',
      code: 'quote-not-found',
      message: kept
        ? l10n.t('The passage of {0} is gone from the article and kept as an orphan: "{1}".', passage.what, quote)
        : passage.anchor.searchStopped
          ? l10n.t('The passage of {0} is not in the article word for word, and the search for similar text stopped at its bound before it had looked everywhere: "{1}". (In the editor, Re-check Anchors searches further.) Re-anchor it (quick fix), fix the quote, or keep it as an orphan.', passage.what, quote)
          : l10n.t('The passage of {0} is not in the article: "{1}". Re-anchor it (quick fix), fix the quote, or keep it as an orphan.', passage.what, quote),
      ...rangeInAnnotationFile(annotationFile, [...passage.path, 'exact']),
    });
    // And in the article, where the passage was last seen.
    const { near, candidate } = passage.anchor;
    if (near === undefined) continue;
    const at = article.source.lineIndex.locationAt(near);
    const end = candidate && candidate.start === near ? article.source.lineIndex.locationAt(candidate.end) : { line: at.line, column: at.column + Math.min(passage.selector.exact.length, article.source.lineIndex.lineText(at.line).length - at.column) };
    problems.push({
      file: article.fileName,
      severity: kept ? 'info' : 'warning',
      code: 'passage-lost',
      message: candidate
        ? l10n.t('The passage of {0} was here and is gone: "{1}". The closest text scores {2}, under the {3} needed.', passage.what, quote, candidate.score.toFixed(2), MIN_FUZZY_SCORE)
        : l10n.t('The passage of {0} was here and is gone: "{1}".', passage.what, quote),
      start: at,
      end: end.line === at.line && end.column <= at.column ? { line: at.line, column: at.column + 1 } : end,
    });
  }
  return problems;
}

/** Blocks up to this long are read again to check an exclusion; in longer ones, its lines are. */
const EXCLUSION_BLOCK_CHARS = 16 * 1024;

/** The block that holds an offset (ends inclusive), if one does. */
function blockAt(blocks: RelativeIntervals<TextBlock>, offset: number): TextBlock | undefined {
  const block = blocks.at(blocks.firstEndingAfter(offset - 1));
  return block && block.start <= offset ? block : undefined;
}

/** How far around an exclusion excludesAMatch looks for the match it removes (aliases are at most 200 characters). */
const EXCLUSION_CONTEXT = 2000;

/**
 * Whether an exclusion removes some match of its entity: matched again where a reader sees it, in the
 * block that holds it (or, in a block of many kilobytes, on its lines as they are).
 */
function excludesAMatch(parts: ModelParts, exclusion: EntityPassage): boolean {
  if (exclusion.anchor.status === 'orphan') return false;
  const { bodyStart } = parts.article;
  const { text } = parts.article.source;
  const block = blockAt(parts.blocks, exclusion.anchor.start);
  if (block && block.end - block.start <= EXCLUSION_BLOCK_CHARS && exclusion.anchor.end <= block.end) {
    return readingMatches(parts.matcher, text, block.start, block.end).some((match) => match.pattern.key === exclusion.entityId && overlaps(exclusion.anchor, match));
  }
  // Its lines, or as much of them as a chain of overlapping matches could reach in any real text: an
  // article of one huge line with thousands of exclusions would otherwise be scanned once for each.
  const from = Math.max(bodyStart, exclusion.anchor.start - EXCLUSION_CONTEXT, parts.matcher.spansLines ? 0 : lineStartAt(text, exclusion.anchor.start));
  const to = Math.min(text.length, exclusion.anchor.end + EXCLUSION_CONTEXT, parts.matcher.spansLines ? text.length : lineEndAt(text, exclusion.anchor.end));
  return parts.matcher.findAll(text, from, to).some((match) => match.pattern.key === exclusion.entityId && overlaps(exclusion.anchor, match));
}

function overlaps(a: { start?: number; end?: number }, b: { start: number; end: number }): boolean {
  return a.start !== undefined && a.end !== undefined && a.start < b.end && b.start < a.end;
}

