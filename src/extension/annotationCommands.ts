import { addNote, deleteAnnotation, editText, type AnnotationKind } from '../model/annotationOperations';
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
  const text = await context.prompter.input('Note on the selection', { validate: (value) => (value.trim() ? undefined : 'Write the note.') });
  if (text === undefined) return false;
  const [passage] = context.describePassages(selected.document, [selected], selected.model);
  return context.write(selected.document, (file) => addNote(file, { passage, text, created: new Date().toISOString().slice(0, 10) }));
}

/** Edits an entity's or claim's summary, or a note's text. */
async function editSummary(context: AnnotatingContext, kind?: AnnotationKind, id?: string): Promise<boolean> {
  const current = await context.currentArticle();
  if (!current) return false;
  const { document, model } = current;
  if (!kind || !id) {
    const picked = await context.pickAnnotation(model, 'Edit which annotation?');
    if (!picked) return false;
    ({ kind, id } = picked);
  }
  const editing = { kind, id };
  const before =
    kind === 'claim' ? model.claims.find((c) => c.record.id === id)?.record.summary : kind === 'note' ? model.notes.find((n) => n.record.id === id)?.record.text : model.entityById.get(id)?.summary;
  const value = await context.prompter.input(kind === 'note' ? `Note "${id}"` : `Summary of ${kind} "${id}"`, { value: before ?? '' });
  if (value === undefined) return false;
  return context.write(document, (file) => editText(file, editing.kind, editing.id, value));
}

async function deleteAnnotationCommand(context: AnnotatingContext, kind?: AnnotationKind, id?: string): Promise<boolean> {
  const current = await context.currentArticle();
  if (!current) return false;
  const { document, model } = current;
  if (!kind || !id) {
    const picked = await context.pickAnnotation(model, 'Delete which annotation?');
    if (!picked) return false;
    ({ kind, id } = picked);
  }
  const deleting = { kind, id };
  return context.write(document, (file) => deleteAnnotation(file, deleting.kind, deleting.id));
}
