// The public entry of dist/core.js: the pure core as a plain Node module for scripts and other tools.
// Nothing inside the project imports this file; each module imports what it needs directly.
export * from './model/format/annotationTypes';
export { annotationFileSchema, registrySchema } from './model/format/annotationFileSchema';
export { AnnotationFileParser, rangeInAnnotationFile, type ParsedAnnotationFile } from './model/format/annotationFileParser';
export { parseArticle, type ArticleMetadata, type ParsedArticle } from './model/article/articleParser';
export type { ArticleModel, EntityMention, ResolvedClaim, ResolvedNote } from './model/article/articleModel';
export { buildArticleModel, createEntityMatcher } from './model/article/buildArticleModel';
export { updateArticleModel } from './model/article/updateArticleModel';
export { ArticleText } from './model/anchoring/articleText';
export * as annotationOperations from './model/format/annotationOperations';
export { findArticlePairs, loadArticleModel, type ArticlePair } from './cli/articleFiles';
export { annotationPathForArticle, isAnnotationFileName, isArticleFileName } from './model/format/articlePaths';
export { AliasMatcher, type AliasMatch, type AliasPattern } from './model/anchoring/aliasMatcher';
export { CodePointIndex } from './model/text/codePointIndex';
export { ARTICLE_SEARCH_LIMIT, describePassage, positionHint, resolvePassage, SearchBudget, type AnchorStatus, type ResolvedAnchor } from './model/anchoring/passageAnchor';
export { LineIndex, type TextLocation } from './model/text/lineIndex';
export { formatProblem, hasErrors, type Problem, type ProblemSeverity } from './model/format/problem';
