import * as vscode from 'vscode';
import { addNote, deleteAnnotation, editText, type AnnotationKind } from '../model/format/annotationOperations';
import { targetOf, type AnnotatingContext } from './annotatingContext';
import type { Command } from './commandManager';

/** Commands on any annotation: add a note, edit a summary or a note's text, delete. */
export function annotationCommands(context: AnnotatingContext): Command[] {
  return [
    { id: 'marginalia.addNote', execute: () => addNoteOnSelection(context) },
    { id: 'marginalia.editSummary', execute: (target?: unknown) => editSummary(context, targetOf(target)?.kind, targetOf(target)?.id) },
    { id: 'marginalia.deleteAnnotation', execute: (target?: unknown) => deleteAnnotationCommand(context, targetOf(target)?.kind, targetOf(target)?.id) },
  ];
}

async function addNoteOnSelection(context: AnnotatingContext): Promise<boolean> {
  const selected = await context.selectedPassage({ wholeMentions: false });
  if (!selected) return false;
  const text = await context.prompter.input(vscode.l10n.t('Note on the selection'), { validate: (value) => (value.trim() ? undefined : vscode.l10n.t('Write the note.')) });
  if (text === undefined) return false;
  const [passage] = context.describePassages(selected.document, [selected], selected.model);
  return context.write(selected.document, (file) => addNote(file, { passage, text, created: new Date().toISOString().slice(0, 10) }));
}

/** Edits an entity's or claim's summary, or a note's text. */
async function editSummary(context: AnnotatingContext, target?: AnnotationKind, targetId?: string): Promise<boolean> {
  const chosen = await context.chosenAnnotation(vscode.l10n.t('Edit which annotation?'), target, targetId);
  if (!chosen) return false;
  const { document, model, kind, id } = chosen;
  const before =
    kind === 'claim' ? model.claims.find((c) => c.record.id === id)?.record.summary : kind === 'note' ? model.notes.find((n) => n.record.id === id)?.record.text : model.entityById.get(id)?.summary;
  const value = await context.prompter.input(kind === 'note' ? vscode.l10n.t('Note "{0}"', id) : kind === 'claim' ? vscode.l10n.t('Summary of claim "{0}"', id) : vscode.l10n.t('Summary of entity "{0}"', id), { value: before ?? '' });
  if (value === undefined) return false;
  // A shared entity's summary is in the folder's registry.
  if (kind === 'entity') return context.writeEntity(document, model, id, (file) => editText(file, kind, id, value));
  return context.write(document, (file) => editText(file, kind, id, value));
}

async function deleteAnnotationCommand(context: AnnotatingContext, target?: AnnotationKind, targetId?: string): Promise<boolean> {
  const chosen = await context.chosenAnnotation(vscode.l10n.t('Delete which annotation?'), target, targetId);
  if (!chosen) return false;
  const { document, model, kind, id } = chosen;
  // A shared entity is deleted from the registry, where the other articles would lose it too: not from one article.
  if (kind === 'entity' && context.registryOf(model, id)) {
    context.tell(vscode.l10n.t('Marginalia: "{0}" is shared by the articles of this folder, in their registry; delete it there if no article needs it. Nothing was changed.', model.entityById.get(id)?.name ?? id));
    return false;
  }
  return context.write(document, (file) => deleteAnnotation(file, kind, id));
}
