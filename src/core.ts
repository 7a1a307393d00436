// The public entry of dist/core.js: the pure core as a plain Node module for scripts and other tools.
// Nothing inside the project imports this file; each module imports what it needs directly.
export * from './model/annotationTypes';
export { annotationFileSchema } from './model/annotationFileSchema';
export { AnnotationFileParser, rangeInAnnotationFile, type ParsedAnnotationFile } from './model/annotationFileParser';
export { parseArticle, type ArticleMetadata, type ParsedArticle } from './model/articleParser';
export { buildArticleModel, createEntityMatcher, type ArticleModel, type EntityMention, type ResolvedClaim, type ResolvedNote } from './model/articleModel';
export { findArticlePairs, loadArticleModel, type ArticlePair } from './cli/articleFiles';
export { annotationPathForArticle, isAnnotationFileName, isArticleFileName } from './model/articlePaths';
export { AliasMatcher, type AliasMatch, type AliasPattern } from './model/aliasMatcher';
export { CodePointIndex } from './model/codePointIndex';
export { ARTICLE_SEARCH_LIMIT, describePassage, positionHint, resolvePassage, SearchBudget, type AnchorStatus, type ResolvedAnchor } from './model/passageAnchor';
export { LineIndex, type TextLocation } from './model/lineIndex';
export { formatProblem, hasErrors, type Problem, type ProblemSeverity } from './model/problem';
