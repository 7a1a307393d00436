import * as vscode from 'vscode';
import type { CitationFormat } from '../model/output/citation';

// Marginalia's settings in one typed place (as GitLens's configuration does): the keys under
// "marginalia." and their types. Their defaults are those package.json contributes, which VS Code
// returns for a setting nobody set, so they are not written a second time here.

export interface MarginaliaSettings {
  'highlighting.enabled': boolean;
  'highlighting.claims': boolean;
  'highlighting.wholeArticleLimit': number;
  'anchors.refreshOnSave': boolean;
  'annotating.saveAfterEachCommand': boolean;
  'annotating.newEntities': 'ask' | 'article' | 'registry';
  'citation.format': CitationFormat;
  'suggestions.enabled': boolean;
}

export type SettingKey = keyof MarginaliaSettings;

/** A setting's value as it applies now. */
export function setting<K extends SettingKey>(key: K): MarginaliaSettings[K] {
  return vscode.workspace.getConfiguration('marginalia').get<MarginaliaSettings[K]>(key) as MarginaliaSettings[K];
}

/** Calls `listener` when any of `keys` changes. */
export function onDidChangeSettings(keys: readonly SettingKey[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (keys.some((key) => event.affectsConfiguration(`marginalia.${key}`))) listener();
  });
}

/** Changes a setting for the workspace, or for the user when no folder is open. */
export async function updateSetting<K extends SettingKey>(key: K, value: MarginaliaSettings[K]): Promise<void> {
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('marginalia').update(key, value, target);
}
