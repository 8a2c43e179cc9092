import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import {
  describeRuleCutBack,
  UNTRUSTED_SUMMARY,
  type UntrustedLimits,
} from '../core/features/workspaceTrust/untrustedWorkspace';
import { WORKSPACE_TRUST_NOTIFICATION, type WorkspaceTrustParams } from './protocol';

/**
 * Workspace trust on the server: the flag from `initializationOptions.workspaceTrusted` (absent
 * counts as trusted: editors without Workspace Trust act for the user who opened the folder),
 * changed by `attackNotes/workspaceTrust` when the user trusts the workspace later. The features
 * get the flag; this module only keeps it and says, once, what it turns off.
 */
export interface WorkspaceTrust {
  readonly trusted: boolean;
  /** Tells the user (once per distinct sentence) which rule settings were cut back. */
  reportRuleLimits(limits: UntrustedLimits): void;
}

export function connectWorkspaceTrust(
  connection: Connection,
  initiallyTrusted: boolean,
  onChange: (trusted: boolean) => void,
): WorkspaceTrust {
  let trusted = initiallyTrusted;
  const said = new Set<string>();
  const sayOnce = (message: string, type: MessageType) => {
    if (said.has(message)) return;
    said.add(message);
    connection.console.warn(`ATT&CK Notes: ${message}`);
    // A notification, not a request: nothing waits for the user to dismiss it.
    void connection.sendNotification(ShowMessageNotification.type, {
      type,
      message: `ATT&CK Notes: ${message}`,
    });
  };

  if (!trusted) connection.console.warn(`ATT&CK Notes: ${UNTRUSTED_SUMMARY}`);

  connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (params: WorkspaceTrustParams) => {
    const next = params?.trusted === true;
    if (next === trusted) return;
    trusted = next;
    connection.console.log(
      trusted
        ? 'ATT&CK Notes: the workspace is trusted now; STIX bundles and the whole rule configuration apply.'
        : `ATT&CK Notes: ${UNTRUSTED_SUMMARY}`,
    );
    said.clear();
    onChange(trusted);
  });

  return {
    get trusted() {
      return trusted;
    },
    reportRuleLimits(limits) {
      const sentence = describeRuleCutBack(limits);
      if (sentence) sayOnce(sentence, MessageType.Warning);
    },
  };
}
