import * as vscode from 'vscode';
import type { Edit } from 'jsonc-parser';
import { isRefusal, type EditableAnnotationFile, type EditsOrRefusal } from '../model/format/annotationOperations';
import { emptyAnnotationFileText } from '../model/format/annotationTypes';
import type { ParsedAnnotationFile } from '../model/format/annotationFileParser';
import { ArticleModelService } from './articleModelService';
import { setting } from './config';
import { DisposableOwner } from './util/dispose';
import { rangeOfOffsets } from './vscodeRanges';
import { openDocument } from './util/openDocument';

/** A change computed on the annotation file as it is now: its edits, or why there are none. */
export type AnnotationChange = (file: EditableAnnotationFile) => EditsOrRefusal;

/** A change's edit, not applied yet, and the document it changes. */
interface PreparedEdit {
  edit: vscode.WorkspaceEdit;
  document: vscode.TextDocument;
}

/** What the writer did, for those who follow changes (the undo offer). */
export interface AnnotationFileWrite {
  article: vscode.Uri;
  annotationFile: vscode.TextDocument;
}

/**
 * The one place where Marginalia changes annotation files: through a WorkspaceEdit on the file's
 * document, so that undo and redo work, unsaved changes show, and VS Code's own save-conflict handling
 * applies. Changes are computed on the text as it is now, and a file that does not parse is never
 * written: the user is told where it breaks.
 */
export class AnnotationFileWriter extends DisposableOwner {
  private readonly writeEmitter = this.register(new vscode.EventEmitter<AnnotationFileWrite>());
  /** Fires after each change applied for a command. */
  readonly onDidWrite = this.writeEmitter.event;

  constructor(
    private readonly models: ArticleModelService,
    /** Tells the user why nothing changed. */
    private readonly tell: (message: string) => void,
  ) {
    super();
  }

  /**
   * The edit that makes a change in an article's annotation file (created if missing, when `create`),
   * without applying it (a rename provider returns it); undefined after telling the user why not.
   */
  async edit(article: vscode.Uri, change: AnnotationChange, options: { create: boolean }): Promise<PreparedEdit | undefined> {
    if (!this.writable(article)) return undefined;
    const document = await this.open(article, options.create);
    if (!document) return undefined;
    const file = await this.editable(document);
    return file && this.changeOf(document, file, change);
  }

  /**
   * The edit that makes a change in a registry of shared entities (issue 14), which must exist and
   * parse; undefined after telling the user why not.
   */
  async editRegistry(registry: vscode.Uri, change: AnnotationChange): Promise<PreparedEdit | undefined> {
    if (!this.writable(registry)) return undefined;
    const opened = await this.editableFile(registry, 'registry');
    return opened && this.changeOf(opened.document, opened.file, change);
  }

  /** Whether a file may be written, as far as VS Code knows before trying; if not, the user is told why. */
  private writable(uri: vscode.Uri): boolean {
    const unwritable = whyUnwritable(uri);
    if (unwritable) this.tell(vscode.l10n.t('Marginalia: {0} Nothing was changed.', unwritable));
    return unwritable === undefined;
  }

  /** A change made on a file as it is now: its edit, or undefined after telling the user why there is none. */
  private changeOf(document: vscode.TextDocument, file: EditableAnnotationFile, change: AnnotationChange): PreparedEdit | undefined {
    const result = change(file);
    if (isRefusal(result)) {
      this.tell(vscode.l10n.t('Marginalia: {0} Nothing was changed.', result.refuse));
      return undefined;
    }
    return { edit: workspaceEditOf(document, result), document };
  }

  /**
   * The annotation file of an article and a registry as the operations take them, read as they are
   * now; undefined (after a message) if one cannot be opened or does not parse.
   */
  async editableFile(uri: vscode.Uri, kind: 'annotations' | 'registry'): Promise<{ document: vscode.TextDocument; file: EditableAnnotationFile } | undefined> {
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch {
      this.tell(vscode.l10n.t('Marginalia: {0} could not be opened. Nothing was changed.', fileName(uri)));
      return undefined;
    }
    const file = kind === 'registry' ? this.editableText(document, this.models.parser.parseRegistry(document.getText(), document.uri.toString())) : await this.editable(document);
    return file && { document, file };
  }

  /** Applies an edit of several files (one step to undo, which VS Code offers across them), for a command about an article. */
  async applyAcrossFiles(article: vscode.Uri, edit: vscode.WorkspaceEdit, annotationFile: vscode.TextDocument): Promise<boolean> {
    if (!(await vscode.workspace.applyEdit(edit))) {
      this.tell(vscode.l10n.t('Marginalia: the files could not be changed. Is one of them read-only?'));
      return false;
    }
    if (setting('annotating.saveAfterEachCommand')) {
      // The files this edit changed, and no other.
      const changed = new Set(edit.entries().map(([uri]) => uri.toString()));
      for (const document of vscode.workspace.textDocuments) if (changed.has(document.uri.toString()) && document.isDirty) await document.save();
    }
    this.writeEmitter.fire({ article, annotationFile });
    return true;
  }

  /** Makes a change in a registry as one undoable edit, for a command about an article (see apply). */
  async applyToRegistry(article: vscode.Uri, registry: vscode.Uri, change: AnnotationChange): Promise<boolean> {
    const prepared = await this.editRegistry(registry, change);
    return prepared ? this.applyPrepared(article, prepared, true) : false;
  }

  /**
   * Makes a change as one undoable edit. For a command (`command: true`), the file is created if
   * missing, saved if the user asked for that, and onDidWrite fires.
   */
  async apply(article: vscode.Uri, change: AnnotationChange, options: { command: boolean }): Promise<boolean> {
    const prepared = await this.edit(article, change, { create: options.command });
    return prepared ? this.applyPrepared(article, prepared, options.command) : false;
  }

  private async applyPrepared(article: vscode.Uri, { edit, document }: PreparedEdit, command: boolean): Promise<boolean> {
    if (!(await vscode.workspace.applyEdit(edit))) {
      this.tell(vscode.l10n.t('Marginalia: {0} could not be changed. Is it read-only?', fileName(document.uri)));
      return false;
    }
    if (command) {
      if (setting('annotating.saveAfterEachCommand')) await document.save();
      this.writeEmitter.fire({ article, annotationFile: document });
    }
    return true;
  }

  /** The annotation file's document, created first if asked; undefined (after a message) if it cannot be. */
  private async open(article: vscode.Uri, create: boolean): Promise<vscode.TextDocument | undefined> {
    const annotationUri = ArticleModelService.annotationUriFor(article);
    // VS Code keeps the document of a file deleted on disk for a while, with the deleted text: that is
    // no file to change, unless it holds unsaved changes.
    const kept = openDocument(annotationUri);
    const onDisk = kept?.isDirty || (await vscode.workspace.fs.stat(annotationUri).then(() => true, () => false));
    if (onDisk) {
      try {
        return await vscode.workspace.openTextDocument(annotationUri);
      } catch {
        // Unreadable: said below, or created anew.
      }
    }
    if (!create) {
      this.tell(vscode.l10n.t('Marginalia: {0} could not be opened. Nothing was changed.', fileName(annotationUri)));
      return undefined;
    }
    // The first command on an article creates its annotation file.
    const creation = new vscode.WorkspaceEdit();
    creation.createFile(annotationUri, { ignoreIfExists: true, contents: new TextEncoder().encode(emptyAnnotationFileText(fileName(article))) });
    if (!(await vscode.workspace.applyEdit(creation))) {
      this.tell(vscode.l10n.t('Marginalia: could not create {0}. Is the folder read-only?', fileName(annotationUri)));
      return undefined;
    }
    return vscode.workspace.openTextDocument(annotationUri);
  }

  /** The file parsed as it is now (the service's last parse when the text is the same); undefined (after a message) if it does not parse. */
  private async editable(document: vscode.TextDocument): Promise<EditableAnnotationFile | undefined> {
    const text = document.getText();
    const last = await this.models.getAnnotationFile(document.uri);
    const parsed = last && last.text === text ? last : this.models.parseAnnotations(text, document.uri);
    return this.editableText(document, parsed);
  }

  /** A parsed file as the operations take it; undefined (after a message) if it does not parse. */
  private editableText(document: vscode.TextDocument, parsed: ParsedAnnotationFile): EditableAnnotationFile | undefined {
    const text = document.getText();
    if (!parsed.annotations) {
      const first = parsed.problems.find((problem) => problem.severity === 'error');
      this.tell(
        first
          ? vscode.l10n.t('Marginalia: {0} does not parse (line {1}, column {2}: {3}). Fix it, or undo the change that broke it, then try again. Nothing was changed.', fileName(document.uri), first.start.line + 1, first.start.column + 1, first.message)
          : vscode.l10n.t('Marginalia: {0} does not parse. Fix it, or undo the change that broke it, then try again. Nothing was changed.', fileName(document.uri)),
      );
      return undefined;
    }
    return { text, annotations: parsed.annotations, sourceIndexes: parsed.sourceIndexes, sharedPassages: parsed.sharedPassages };
  }
}

/** jsonc-parser edits of a document's text as one WorkspaceEdit (added to `edit` when given). */
export function workspaceEditOf(document: vscode.TextDocument, edits: readonly Edit[], edit = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  for (const e of edits) edit.replace(document.uri, rangeOfOffsets(document, e.offset, e.offset + e.length), e.content);
  return edit;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}

/**
 * Why the annotation file beside an article cannot be written, with what to do; undefined when it can
 * be (as far as VS Code knows before trying). In the web there may be no folder (an untitled article)
 * or a read-only file system (a file opened from a commit, a pull request's base).
 */
export function whyUnwritable(article: vscode.Uri): string | undefined {
  if (article.scheme === 'untitled') return vscode.l10n.t('save the article first (as a .md file): its annotations are stored in a file beside it.');
  if (vscode.workspace.fs.isWritableFileSystem(article.scheme) === false) {
    return vscode.l10n.t('{0} is on a read-only file system ({1}:), so its annotation file cannot be written there. Open the article from a folder you can change (in vscode.dev or github.dev, a repository or branch you may edit) to annotate it.', fileName(article), article.scheme);
  }
  return undefined;
}
