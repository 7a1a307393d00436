import * as vscode from 'vscode';
import { claimsAt, mentionAt } from '../model/article/modelQueries';
import { HOVER_COMMANDS, claimHoverMarkdown, entityHoverMarkdown, noteHoverMarkdown } from '../model/output/hoverCards';
import type { ArticleModelService } from './articleModelService';
import type { CorpusService } from './corpusService';
import { rangeOfOffsets } from './vscodeRanges';

/** Hover cards on mentions, claim passages and noted passages. The card text comes from the core, escaped. */
export class ArticleHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly models: ArticleModelService,
    private readonly corpus: CorpusService,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const model = this.models.getModel(document);
    if (!model) return undefined;
    const offset = document.offsetAt(position);
    const uri = document.uri.toString();
    // What the rest of the corpus says, once it has been read (a card never waits for it).
    const corpus = this.corpus.ifReady();
    const cards: vscode.MarkdownString[] = [];
    let range: vscode.Range | undefined;
    const mention = mentionAt(model, offset);
    // A cursor at the very end of a name is not "on" it for hovers.
    if (mention && offset < mention.end) {
      cards.push(trusted(entityHoverMarkdown(model, mention, uri, corpus)));
      range = rangeOfOffsets(document, mention.start, mention.end);
    }
    const claim = claimsAt(model, offset).find((c) => offset < c.anchor.end!);
    if (claim) {
      cards.push(trusted(claimHoverMarkdown(model, claim, uri, corpus)));
      range ??= rangeOfOffsets(document, claim.anchor.start!, claim.anchor.end!);
    }
    for (const note of model.notes) {
      if (note.anchor.status === 'orphan' || offset < note.anchor.start || offset >= note.anchor.end) continue;
      cards.push(trusted(noteHoverMarkdown(note, uri)));
      range ??= rangeOfOffsets(document, note.anchor.start, note.anchor.end);
    }
    return cards.length > 0 ? new vscode.Hover(cards, range) : undefined;
  }
}

/** Markdown that may run only Marginalia's own hover commands, with codicons; never HTML. */
function trusted(markdown: string): vscode.MarkdownString {
  const result = new vscode.MarkdownString(markdown, true);
  result.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  result.supportHtml = false;
  return result;
}
