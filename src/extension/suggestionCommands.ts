import * as vscode from 'vscode';
import { acceptanceOf, rejectionOf } from '../model/suggestions/suggestionAcceptance';
import { acceptTitle, rejectTitle } from '../model/suggestions/suggestionCards';
import type { Suggestion } from '../model/suggestions/suggestion';
import type { AnnotationFileWriter } from './annotationFileWriter';
import { ArticleModelService } from './articleModelService';
import type { Command } from './commandManager';
import { updateSetting } from './config';
import type { ArticleSuggestions, SuggestionService } from './suggestionService';
import { entityNameIn, spansOf, type SuggestionsItem } from './suggestionsView';

/** What the commands take: a row of the view, or what hover cards and code actions pass ({ uri, key }), or a kind's group. */
type SuggestionTarget = SuggestionsItem | { uri: string; key: string } | undefined;

/**
 * Accepting and rejecting suggestions (issue 15): one, a kind's group, or all of them, each as one
 * undoable edit through the annotation operations (an alias of a registry's entity changes the
 * registry in the same edit); a rejection is remembered in the annotation file.
 */
export function suggestionCommands(suggestions: SuggestionService, writer: AnnotationFileWriter, tell: (message: string) => void): Command[] {
  /** The current suggestions, if they are for the article a command names (or the current one). */
  const entryFor = (target: SuggestionTarget): ArticleSuggestions | undefined => {
    const entry = suggestions.current();
    const uri = target && 'uri' in target ? target.uri : undefined;
    if (!entry || (uri !== undefined && entry.document.uri.toString() !== uri)) {
      tell(vscode.l10n.t('Marginalia: the suggestions changed since; look again at the new ones. Nothing was changed.'));
      return undefined;
    }
    return entry;
  };
  const chosen = (entry: ArticleSuggestions, target: SuggestionTarget, many: boolean): Suggestion[] => {
    if (target && 'type' in target && target.type === 'group') return entry.result.suggestions.filter((s) => s.kind === target.kind);
    if (target && 'key' in target) return entry.result.suggestions.filter((s) => s.key === target.key);
    return many ? entry.result.suggestions : [];
  };

  const accept = async (target: SuggestionTarget, many: boolean) => {
    const entry = entryFor(target);
    if (!entry) return;
    const accepted = chosen(entry, target, many);
    if (accepted.length === 0) return tell(vscode.l10n.t('Marginalia: that suggestion is gone (the article or its annotations changed). Nothing was changed.'));
    const article = entry.document.uri;
    const { annotationChange, registryChange } = acceptanceOf(entry.model, accepted, entry.result.suggestions);
    let applied: boolean;
    if (registryChange && entry.model.annotationFile.registry) {
      // One edit of both files, one step to undo.
      const prepared = await writer.edit(article, annotationChange, { create: true });
      const registry = await writer.editRegistry(vscode.Uri.parse(entry.model.annotationFile.registry.fileName), registryChange);
      if (!prepared || !registry) return;
      for (const [uri, edits] of registry.edit.entries()) for (const edit of edits) prepared.edit.replace(uri, edit.range, edit.newText);
      applied = await writer.applyAcrossFiles(article, prepared.edit, prepared.document);
    } else {
      applied = await writer.apply(article, annotationChange, { command: true });
    }
    if (applied) suggestions.forget(accepted.map((s) => s.key));
  };

  const reject = async (target: SuggestionTarget, many: boolean) => {
    const entry = entryFor(target);
    if (!entry) return;
    const rejected = chosen(entry, target, many);
    if (rejected.length === 0) return;
    if (await writer.apply(entry.document.uri, rejectionOf(rejected), { command: true })) suggestions.forget(rejected.map((s) => s.key));
  };

  return [
    { id: 'marginalia.acceptSuggestion', execute: (target?: SuggestionTarget) => accept(target, false) },
    { id: 'marginalia.rejectSuggestion', execute: (target?: SuggestionTarget) => reject(target, false) },
    { id: 'marginalia.acceptSuggestions', execute: (target?: SuggestionTarget) => accept(target, true) },
    { id: 'marginalia.rejectSuggestions', execute: (target?: SuggestionTarget) => reject(target, true) },
    {
      id: 'marginalia.suggestAnnotations',
      execute: () => {
        const document = ArticleModelService.currentArticle();
        if (!document) return tell(vscode.l10n.t('Marginalia: open a Markdown article first.'));
        suggestions.ask(document);
        void vscode.commands.executeCommand('marginalia.suggestions.focus');
      },
    },
    { id: 'marginalia.revealSuggestions', execute: () => void vscode.commands.executeCommand('marginalia.suggestions.focus') },
    { id: 'marginalia.refreshSuggestions', execute: () => suggestions.refresh() },
    { id: 'marginalia.turnOffSuggestions', execute: () => updateSetting('suggestions.enabled', false) },
    { id: 'marginalia.turnOnSuggestions', execute: () => updateSetting('suggestions.enabled', true) },
  ];
}

/** Accept and reject, as code actions where the cursor or selection is on a suggestion. */
export class SuggestionCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly suggestions: SuggestionService) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const entry = this.suggestions.current(document);
    if (!entry) return [];
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const uri = document.uri.toString();
    const name = entityNameIn(entry);
    const actions: vscode.CodeAction[] = [];
    for (const suggestion of entry.result.suggestions) {
      if (!spansOf(suggestion).some((span) => span.start <= start && end <= span.end)) continue;
      const acceptAction = new vscode.CodeAction(acceptTitle(suggestion, name), vscode.CodeActionKind.QuickFix);
      acceptAction.command = { command: 'marginalia.acceptSuggestion', title: acceptAction.title, arguments: [{ uri, key: suggestion.key }] };
      const rejectAction = new vscode.CodeAction(rejectTitle(suggestion), vscode.CodeActionKind.QuickFix);
      rejectAction.command = { command: 'marginalia.rejectSuggestion', title: rejectAction.title, arguments: [{ uri, key: suggestion.key }] };
      actions.push(acceptAction, rejectAction);
    }
    return actions;
  }
}
