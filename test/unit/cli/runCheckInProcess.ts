import { runCheck, type CheckIo } from '../../../server/src/cli/check';

/**
 * Runs `attack-notes check` in-process with `cwd` as the current folder, collecting its output.
 * `loadKnowledgeBase` replaces the CLI's own loading (left out, the knowledge base is loaded as
 * the real CLI loads it).
 */
export async function runCheckInProcess(
  cwd: string,
  args: string[],
  loadKnowledgeBase?: CheckIo['loadKnowledgeBase'],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CheckIo = {
    cwd,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  };
  if (loadKnowledgeBase) io.loadKnowledgeBase = loadKnowledgeBase;
  const code = await runCheck(args, io);
  return { code, stdout, stderr };
}
