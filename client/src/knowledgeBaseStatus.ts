// The status bar item that names the ATT&CK version in use, and the "Show Knowledge Base" command.
// All facts come from the server (attackNotes/knowledgeBaseInfo); this module only displays them.
import {
  commands,
  MarkdownString,
  QuickPickItemKind,
  StatusBarAlignment,
  Uri,
  window,
  workspace,
  type ExtensionContext,
  type QuickPickItem,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { KnowledgeSource } from '../../server/src/core/kb/types';
import {
  KNOWLEDGE_BASE_CHANGED_NOTIFICATION,
  KNOWLEDGE_BASE_INFO_REQUEST,
  WORKSPACE_TRUST_NOTIFICATION,
  type KnowledgeBaseInfo,
  type WorkspaceTrustParams,
} from '../../server/src/lsp/protocol';

export const SHOW_KNOWLEDGE_BASE_COMMAND = 'attackNotes.showKnowledgeBase';

/** Plural labels for counts, in the order ATT&CK's site lists its objects. */
const COUNT_LABELS: ReadonlyArray<readonly [keyof KnowledgeSource['counts'], string]> = [
  ['tactic', 'tactics'],
  ['technique', 'techniques'],
  ['mitigation', 'mitigations'],
  ['group', 'groups'],
  ['software', 'software'],
  ['campaign', 'campaigns'],
  ['asset', 'assets'],
  ['data-source', 'data sources'],
  ['data-component', 'data components'],
  ['detection-strategy', 'detection strategies'],
  ['analytic', 'analytics'],
];

export function describeCounts(counts: KnowledgeSource['counts']): string {
  const parts = COUNT_LABELS.filter(([type]) => counts[type]).map(
    ([type, label]) => `${counts[type]} ${label}`,
  );
  return parts.length > 0 ? parts.join(' · ') : 'no objects';
}

/** `ATT&CK v18.1`, plus the number of extra sources when there are any. */
export function statusText(info: KnowledgeBaseInfo): string {
  const extra = info.sources.filter((s) => s.kind !== 'catalog').length;
  const icon = info.problems.length > 0 ? '$(warning)' : '$(shield)';
  return `${icon} ATT&CK v${info.attackVersion}${extra > 0 ? ` +${extra}` : ''}`;
}

function sourceTitle(source: KnowledgeSource): string {
  return source.version && source.kind !== 'catalog'
    ? `${source.name} (v${source.version})`
    : source.name;
}

function tooltip(info: KnowledgeBaseInfo): MarkdownString {
  const lines = [
    `**ATT&CK v${info.attackVersion}**${info.released ? ` (${info.released})` : ''}`,
    '',
  ];
  for (const source of info.sources)
    lines.push(`- ${sourceTitle(source)}: ${describeCounts(source.counts)}`);
  for (const problem of info.problems) lines.push(`- $(warning) ${problem}`);
  lines.push('', 'Click for details.');
  const markdown = new MarkdownString(lines.join('\n'), true);
  return markdown;
}

interface SourceItem extends QuickPickItem {
  location?: string;
}

function quickPickItems(info: KnowledgeBaseInfo): SourceItem[] {
  const kindLabel = {
    catalog: 'bundled catalog',
    'stix-bundle': 'STIX bundle',
    vault: 'vault notes',
  };
  const items: SourceItem[] = info.sources.map((source) => ({
    label: `$(${source.kind === 'vault' ? 'notebook' : 'database'}) ${sourceTitle(source)}`,
    description: kindLabel[source.kind] + (source.skipped ? `, ${source.skipped} skipped` : ''),
    detail: describeCounts(source.counts),
    location: source.kind === 'stix-bundle' ? source.location : undefined,
  }));
  if (info.problems.length > 0) {
    items.push({ label: 'Problems', kind: QuickPickItemKind.Separator });
    for (const problem of info.problems) items.push({ label: `$(warning) ${problem}` });
  }
  return items;
}

/**
 * Shows the knowledge base's version in the status bar and registers the command that lists its
 * sources. Call from `activate` with the promise of the started client.
 */
export function registerKnowledgeBaseStatus(
  context: ExtensionContext,
  ready: Promise<LanguageClient>,
): void {
  const item = window.createStatusBarItem(
    'attackNotes.knowledgeBase',
    StatusBarAlignment.Right,
    100,
  );
  item.name = 'ATT&CK Notes Knowledge Base';
  item.text = '$(sync~spin) ATT&CK';
  item.command = SHOW_KNOWLEDGE_BASE_COMMAND;
  item.show();
  context.subscriptions.push(item);

  const show = (info: KnowledgeBaseInfo) => {
    item.text = statusText(info);
    item.tooltip = tooltip(info);
  };

  context.subscriptions.push(
    commands.registerCommand(SHOW_KNOWLEDGE_BASE_COMMAND, async () => {
      const client = await ready;
      const info = await client.sendRequest<KnowledgeBaseInfo>(KNOWLEDGE_BASE_INFO_REQUEST);
      show(info);
      const picked = await window.showQuickPick(quickPickItems(info), {
        title: `ATT&CK Notes knowledge base: ATT&CK v${info.attackVersion}`,
        placeHolder: 'Sources in use (select a STIX bundle to open it)',
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (picked?.location) await window.showTextDocument(Uri.file(picked.location));
    }),
  );

  ready.then(
    async (client) => {
      context.subscriptions.push(
        client.onNotification(KNOWLEDGE_BASE_CHANGED_NOTIFICATION, (info: KnowledgeBaseInfo) =>
          show(info),
        ),
        // Trust granted later makes bundles inside the workspace loadable.
        workspace.onDidGrantWorkspaceTrust(() => {
          const params: WorkspaceTrustParams = { trusted: true };
          void client.sendNotification(WORKSPACE_TRUST_NOTIFICATION, params);
        }),
      );
      try {
        show(await client.sendRequest<KnowledgeBaseInfo>(KNOWLEDGE_BASE_INFO_REQUEST));
      } catch (error) {
        item.text = '$(warning) ATT&CK';
        item.tooltip = `The knowledge base could not be described: ${String(error)}`;
      }
    },
    () => {
      item.text = '$(error) ATT&CK';
      item.tooltip = 'The ATT&CK Notes language server did not start.';
    },
  );
}
