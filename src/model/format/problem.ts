import * as l10n from '@vscode/l10n';
import { visibleLine } from '../text/visibleText';
import type { TextLocation } from '../text/lineIndex';

export type ProblemSeverity = 'error' | 'warning' | 'info';

/** Something wrong in an article or annotation file, at an exact place. Lines and columns are zero-based. */
export interface Problem {
  /** The file the problem is in, as the caller named it. */
  file: string;
  severity: ProblemSeverity;
  /** A stable code for filtering and quick fixes, e.g. "unknown-id". */
  code: string;
  message: string;
  start: TextLocation;
  end: TextLocation;
  /** A quick fix: the text that replaces the problem's range ("denail" by "denial"). */
  fix?: ProblemFix;
  /** In an annotation file or registry: the JSON path of the value the problem is about. */
  jsonPath?: ReadonlyArray<string | number>;
}

export interface ProblemFix {
  /** What the fix does, as its menu shows it. */
  title: string;
  replacement: string;
}

/** The quick fix that puts the nearest known id in place of a mistyped one, written as the JSON string it replaces. */
export function replaceWithFix(value: string): ProblemFix {
  return { title: l10n.t('Change to "{0}"', value), replacement: JSON.stringify(value) };
}

/**
 * A copy of a problem with some of its fields changed. Copy problems with this, not with a spread: a
 * problem may compute its place, message and fix when they are read (a class's getters), which a spread
 * does not copy.
 */
export function problemWith(problem: Problem, changes: Partial<Problem>): Problem {
  const { file, severity, code, message, start, end, fix, jsonPath } = problem;
  return { file, severity, code, message, start, end, ...(fix ? { fix } : {}), ...(jsonPath ? { jsonPath } : {}), ...changes };
}

/** "file:line:column: severity: message", one-based, the way compilers print it. */
export function formatProblem(problem: Problem): string {
  // Messages quote file content: escaped, so that it cannot forge a line or a colour.
  return `${visibleLine(problem.file)}:${problem.start.line + 1}:${problem.start.column + 1}: ${problem.severity}: ${visibleLine(problem.message)} [${problem.code}]`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/**
 * The problem shown when the core failed where it is built never to (the net under "never throws"):
 * at the start of the file, with the error's message and what Marginalia did instead.
 */
export function internalErrorProblem(file: string, error: unknown, whatHappened: string): Problem {
  const reason = error instanceof Error ? error.message : String(error);
  return { file, severity: 'error', code: 'internal-error', message: l10n.t('{0} ({1}). Please report this.', whatHappened, reason), start: { line: 0, column: 0 }, end: { line: 0, column: 1 } };
}
