// Entry point of the bundled language server (dist/server.js). The transport (--stdio,
// --node-ipc, --socket=N) is chosen from the command line by vscode-languageserver.
import { startServer } from './server';
import { markStartup } from './startupMarks';

markStartup('bundle-evaluated');
startServer();
