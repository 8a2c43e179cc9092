// The server's "N references" code lens carries plain LSP data (a URI string, a position and
// locations), but VS Code's `editor.action.showReferences` wants its own Uri, Position and
// Location objects. This command sits between the two and converts.
import { commands, type Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Location, Position } from 'vscode-languageserver-protocol';

/** Must match SHOW_REFERENCES_COMMAND in server/src/core/features/navigation/referencesCodeLens.ts. */
export const SHOW_REFERENCES_COMMAND = 'attackNotes.showReferences';

export function registerShowReferencesCommand(client: LanguageClient): Disposable {
  return commands.registerCommand(
    SHOW_REFERENCES_COMMAND,
    async (uri: string, position: Position, locations: Location[]) => {
      const converter = client.protocol2CodeConverter;
      await commands.executeCommand(
        'editor.action.showReferences',
        converter.asUri(uri),
        converter.asPosition(position),
        locations.map((location) => converter.asLocation(location)),
      );
    },
  );
}
