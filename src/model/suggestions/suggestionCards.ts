import * as l10n from '@vscode/l10n';
import { abbreviate } from '../text/abbreviate';
import { escapeMarkdown } from '../output/hoverCards';
import type { Suggestion, SuggestionKind } from './suggestion';

// How a suggestion reads in the Suggestions view, its code actions and its hover card (issue 15), in
// the user's language; names from the article are escaped wherever they become Markdown.

/** The heading of a kind's group, with its count. */
export function suggestionGroupLabel(kind: SuggestionKind, count: number): string {
  switch (kind) {
    case 'entity':
      return l10n.t('Entities ({0})', count);
    case 'alias':
      return l10n.t('Aliases ({0})', count);
    case 'exclusion':
      return l10n.t('Exclusions ({0})', count);
    case 'claim':
      return l10n.t('Claims ({0})', count);
  }
}

/** A suggestion's row: what it suggests, and beside it, what kind and how often. */
export function suggestionRow(suggestion: Suggestion, entityName: (id: string) => string): { label: string; description: string } {
  switch (suggestion.kind) {
    case 'entity':
      return { label: suggestion.name, description: l10n.t('{0} · {1} · {2}×', suggestion.entityKind, suggestion.type, suggestion.occurrences.length) };
    case 'alias':
      return { label: suggestion.alias, description: l10n.t('alias of {0} · {1}×', entityName(suggestion.entityId), suggestion.occurrences.length) };
    case 'exclusion':
      return { label: suggestion.rejection.kind === 'exclusion' ? suggestion.rejection.quote : '', description: l10n.t('not {0}: {1}', entityName(suggestion.entityId), suggestion.why) };
    case 'claim':
      return { label: abbreviate(suggestion.summary, 80), description: suggestion.claimantName ?? l10n.t('no claimant found') };
  }
}

/** What accepting a suggestion does, as a code action's title. */
export function acceptTitle(suggestion: Suggestion, entityName: (id: string) => string): string {
  switch (suggestion.kind) {
    case 'entity':
      return l10n.t('Accept "{0}" as a new entity ({1}, {2})', suggestion.name, suggestion.entityKind, suggestion.type);
    case 'alias':
      return l10n.t('Accept "{0}" as an alias of {1}', suggestion.alias, entityName(suggestion.entityId));
    case 'exclusion':
      return l10n.t('Accept: this is not {0}', entityName(suggestion.entityId));
    case 'claim': {
      const who = suggestion.claimantName ?? l10n.t('no one in particular');
      if (!(suggestion.answers || suggestion.answersSuggestion)) return l10n.t('Accept as a claim by {0}', who);
      switch (suggestion.stance) {
        case 'disputes':
          return l10n.t('Accept as a claim by {0} that disputes an earlier one', who);
        case 'supports':
          return l10n.t('Accept as a claim by {0} that supports an earlier one', who);
        default:
          return l10n.t('Accept as a claim by {0} that answers an earlier one', who);
      }
    }
  }
}

export function rejectTitle(suggestion: Suggestion): string {
  return suggestion.kind === 'entity' ? l10n.t('Reject the suggestion "{0}"', suggestion.name) : suggestion.kind === 'alias' ? l10n.t('Reject the alias "{0}"', suggestion.alias) : l10n.t('Reject this suggestion');
}

/** The commands a suggestion's hover card may run (isTrusted.enabledCommands). */
export const SUGGESTION_CARD_COMMANDS = ['marginalia.acceptSuggestion', 'marginalia.rejectSuggestion', 'marginalia.revealSuggestions'] as const;

/** A hover card for a suggestion: what it is, why, and links to accept or reject it. */
export function suggestionHoverMarkdown(suggestion: Suggestion, uri: string, entityName: (id: string) => string): string {
  const args = encodeURIComponent(JSON.stringify([{ uri, key: suggestion.key }]));
  const link = (label: string, command: (typeof SUGGESTION_CARD_COMMANDS)[number], title: string) => `[${label}](command:${command}?${args} "${title}")`;
  const row = suggestionRow(suggestion, entityName);
  const heading =
    suggestion.kind === 'entity'
      ? l10n.t('Suggested entity: **{0}** ({1}, {2})', escapeMarkdown(suggestion.name), suggestion.entityKind, suggestion.type)
      : suggestion.kind === 'alias'
        ? l10n.t('Suggested alias of {0}: **{1}**', escapeMarkdown(entityName(suggestion.entityId)), escapeMarkdown(suggestion.alias))
        : suggestion.kind === 'exclusion'
          ? l10n.t('Suggested exclusion: not {0} here', escapeMarkdown(entityName(suggestion.entityId)))
          : l10n.t('Suggested claim by {0}', escapeMarkdown(suggestion.claimantName ?? l10n.t('no one in particular')));
  const aliases = suggestion.kind === 'entity' && suggestion.aliases.length > 0 ? `\n\n${l10n.t('Also: {0}', suggestion.aliases.map(escapeMarkdown).join(', '))}` : '';
  const answer = suggestion.kind === 'claim' && suggestion.stance ? `\n\n${suggestion.stance === 'disputes' ? l10n.t('It disputes an earlier claim.') : suggestion.stance === 'supports' ? l10n.t('It supports an earlier claim.') : l10n.t('It answers an earlier claim.')}` : '';
  return [
    `$(lightbulb) ${heading}${aliases}${answer}`,
    `*${escapeMarkdown(suggestion.why)}*${suggestion.kind === 'claim' ? '' : ` · ${escapeMarkdown(row.description)}`}`,
    `${link(l10n.t('$(check) Accept'), 'marginalia.acceptSuggestion', l10n.t('Accept this suggestion'))} · ${link(l10n.t('$(close) Reject'), 'marginalia.rejectSuggestion', l10n.t('Reject it; it is not offered again'))} · ${link(l10n.t('$(list-tree) All suggestions'), 'marginalia.revealSuggestions', l10n.t('Show the Suggestions view'))}`,
  ].join('\n\n');
}
