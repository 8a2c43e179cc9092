import { loadBundledCatalog } from './bundledCatalog';
import { AttackKnowledgeBase } from './knowledgeBase';
import { loadUserBundles, type BundleProblem } from './userBundles';

/**
 * One call for tools without a server (the CLI): the bundled catalog plus the given STIX bundles.
 * Problems come back as sentences to print; a bad bundle never stops the rest from loading.
 */
export async function loadKnowledgeBase(options: {
  /** Bundle paths, absolute or relative to `baseDir`. */
  bundles?: readonly string[];
  baseDir: string;
  /** Command-line tools act for the user who named the files, so bundles are trusted by default. */
  trusted?: boolean;
}): Promise<{ kb: AttackKnowledgeBase; problems: BundleProblem[] }> {
  const catalog = loadBundledCatalog();
  const loaded = await loadUserBundles(
    {
      paths: options.bundles ?? [],
      workspaceFolders: [options.baseDir],
      trusted: options.trusted ?? true,
    },
    [catalog],
  );
  return {
    kb: AttackKnowledgeBase.fromLayers([catalog, ...loaded.layers]),
    problems: loaded.problems,
  };
}
