// The status bar item that names the ATT&CK version in use, the notes indexed and the problems
// found, and the "Show Knowledge Base" command it opens. All facts come from the server
// (attackNotes/knowledgeBaseInfo, attackNotes/workspaceStatus); this module only displays them.
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
  WORKSPACE_STATUS_CHANGED_NOTIFICATION,
  WORKSPACE_STATUS_REQUEST,
  WORKSPACE_TRUST_NOTIFICATION,
  type KnowledgeBaseInfo,
  type WorkspaceStatus,
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

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** `ATT&CK v18.1`, the number of extra sources when there are any, then notes and problems. */
export function statusText(info: KnowledgeBaseInfo, status?: WorkspaceStatus): string {
  const extra = info.sources.filter((s) => s.kind !== 'catalog').length;
  const icon = info.problems.length > 0 || info.newerVault ? '$(warning)' : '$(shield)';
  const version = `${icon} ATT&CK v${info.attackVersion}${extra > 0 ? ` +${extra}` : ''}`;
  if (!status) return version;
  const notes = status.indexing ? '$(sync~spin) indexing' : plural(status.notes, 'note', 'notes');
  return `${version} · ${notes} · ${plural(status.problems, 'problem', 'problems')}`;
}

function sourceTitle(source: KnowledgeSource): string {
  return source.version && source.kind !== 'catalog'
    ? `${source.name} (v${source.version})`
    : source.name;
}

function tooltip(info: KnowledgeBaseInfo, status?: WorkspaceStatus): MarkdownString {
  const lines = [
    `**ATT&CK v${info.attackVersion}**${info.released ? ` (${info.released})` : ''}`,
    '',
  ];
  if (status) {
    lines.push(
      `${plural(status.notes, 'note', 'notes')} indexed${status.indexing ? ' so far' : ''}; ` +
        `${plural(status.problems, 'problem', 'problems')} in ` +
        `${plural(status.notesWithProblems, 'open note', 'open notes')}`,
      '',
    );
  }
  for (const source of info.sources)
    lines.push(`- ${sourceTitle(source)}: ${describeCounts(source.counts)}`);
  for (const problem of info.problems) lines.push(`- $(warning) ${problem}`);
  if (info.newerVault) lines.push('', `$(warning) ${info.newerVault}`);
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
  if (info.problems.length > 0 || info.newerVault) {
    items.push({ label: 'Problems', kind: QuickPickItemKind.Separator });
    for (const problem of info.problems) items.push({ label: `$(warning) ${problem}` });
    if (info.newerVault) items.push({ label: `$(warning) ${info.newerVault}` });
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

  let info: KnowledgeBaseInfo | undefined;
  let status: WorkspaceStatus | undefined;
  const render = () => {
    if (!info) return;
    item.text = statusText(info, status);
    item.tooltip = tooltip(info, status);
  };
  const show = (next: KnowledgeBaseInfo) => {
    info = next;
    render();
  };
  const showStatus = (next: WorkspaceStatus) => {
    status = next;
    render();
  };

  context.subscriptions.push(
    commands.registerCommand(SHOW_KNOWLEDGE_BASE_COMMAND, async () => {
      const client = await ready;
      const fresh = await client.sendRequest<KnowledgeBaseInfo>(KNOWLEDGE_BASE_INFO_REQUEST);
      show(fresh);
      const picked = await window.showQuickPick(quickPickItems(fresh), {
        title: `ATT&CK Notes knowledge base: ATT&CK v${fresh.attackVersion}`,
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
        client.onNotification(KNOWLEDGE_BASE_CHANGED_NOTIFICATION, (next: KnowledgeBaseInfo) =>
          show(next),
        ),
        client.onNotification(WORKSPACE_STATUS_CHANGED_NOTIFICATION, showStatus),
        // Trust granted later: the server loads the bundles and the whole rule configuration.
        workspace.onDidGrantWorkspaceTrust(() => {
          const params: WorkspaceTrustParams = { trusted: true };
          void client.sendNotification(WORKSPACE_TRUST_NOTIFICATION, params);
        }),
      );
      try {
        const [first, counts] = await Promise.all([
          client.sendRequest<KnowledgeBaseInfo>(KNOWLEDGE_BASE_INFO_REQUEST),
          client.sendRequest<WorkspaceStatus>(WORKSPACE_STATUS_REQUEST),
        ]);
        status ??= counts;
        show(first);
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
