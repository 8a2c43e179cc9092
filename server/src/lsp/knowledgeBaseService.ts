import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { newerVaultNotice, type NewerVaultNotice } from '../core/features/attackRelease/newerVault';
import { loadBundledCatalog } from '../core/kb/bundledCatalog';
import { AttackKnowledgeBase, type VaultDefinition } from '../core/kb/knowledgeBase';
import type { KnowledgeLayer } from '../core/kb/layers';
import { loadUserBundles, type BundleProblem, type BundleSettings } from '../core/kb/userBundles';
import type { KnowledgeBaseInfo } from './protocol';

/**
 * Keeps the server's knowledge base current: the bundled catalog, the user's STIX bundles
 * (`attackNotes.stixBundles`) and the IDs the vault's notes define.
 *
 * Bundle files are watched here with `fs.watch` rather than through the client's
 * `workspace/didChangeWatchedFiles`: bundles often live outside the workspace (an absolute path
 * to a team's Workbench export), where the editor's watcher reports nothing, and other editors and
 * the CLI have no such watcher at all. The parent directory is watched, not the file, because
 * editors and exporters save by writing a new file and renaming it over the old one.
 */

export interface KnowledgeBaseServiceOptions {
  /** Called after every change (bundles reloaded, vault definitions replaced). */
  onChange?: (kb: AttackKnowledgeBase) => void;
  /** Called with problems that the previous load did not already report, for the user. */
  onProblems?: (problems: readonly BundleProblem[]) => void;
  /** Loads the base layer; defaults to the bundled catalog. */
  loadCatalog?: () => KnowledgeLayer;
  /** Watch bundle files and reload on change (default true). */
  watchFiles?: boolean;
  /** Quiet time after a file event before reloading, so that a save's several events load once. */
  debounceMs?: number;
  /**
   * Warm-ups (building name and search indexes ahead of use) wait for this, e.g. the server's
   * first index of the vault, so they do not compete with it for the CPU.
   */
  warmUpAfter?: Promise<unknown>;
}

export class KnowledgeBaseService {
  private readonly catalog: KnowledgeLayer;
  private withBundles: AttackKnowledgeBase;
  private kb: AttackKnowledgeBase;
  private vaultDefinitions: readonly VaultDefinition[] = [];
  /** The vault looks newer than the loaded releases (catalog and bundles); see newerVault.ts. */
  private newerVault?: NewerVaultNotice;
  private settings: BundleSettings = { paths: [], workspaceFolders: [], trusted: true };
  private problems: BundleProblem[] = [];
  /** The user's bundles as last loaded, over the catalog. */
  private bundleLayers: readonly KnowledgeLayer[] = [];
  private watchers: FSWatcher[] = [];
  private reloadTimer?: NodeJS.Timeout;
  /** Serialises loads: a file event during a load waits for it instead of racing it. */
  private loading: Promise<void> = Promise.resolve();

  constructor(private readonly options: KnowledgeBaseServiceOptions = {}) {
    this.catalog = (options.loadCatalog ?? loadBundledCatalog)();
    this.withBundles = AttackKnowledgeBase.fromLayers([this.catalog]);
    this.kb = this.withBundles;
    this.warmUpWhenIdle();
  }

  /** After start and after each reload, once pending messages are handled. */
  private warmUpWhenIdle(): void {
    const kb = this.withBundles;
    // One step per turn of the event loop: a note opened or typed into meanwhile waits for one
    // step (tens of ms), not for the whole warm-up.
    const steps = kb.warmUpSteps();
    const warmUp = () => {
      const step = steps.shift();
      if (!step) return;
      setImmediate(() => {
        step();
        warmUp();
      }).unref();
    };
    // After the first index, a second more: the notes the editor opens with it are checked first.
    const later = () => setTimeout(warmUp, 1000).unref();
    if (this.options.warmUpAfter) void this.options.warmUpAfter.then(later, later);
    else warmUp();
  }

  /** The knowledge base to answer requests with (catalog + bundles + vault). */
  get current(): AttackKnowledgeBase {
    return this.kb;
  }

  /** Applies new settings; reloads bundles only when what they name (or the trust) changed. */
  async configure(settings: BundleSettings): Promise<readonly BundleProblem[]> {
    const changed = JSON.stringify(settings) !== JSON.stringify(this.settings);
    this.settings = { ...settings, paths: [...settings.paths] };
    if (changed) await this.reload();
    return this.problems;
  }

  /** Trust granted or revoked: the bundles of the setting are loaded (or not). */
  async setTrusted(trusted: boolean): Promise<void> {
    await this.configure({ ...this.settings, trusted });
  }

  /** Replaces the vault's definitions; cheap (the catalog index is shared). */
  setVaultDefinitions(definitions: readonly VaultDefinition[]): void {
    this.vaultDefinitions = definitions;
    this.kb = this.withBundles.withVaultDefinitions(definitions);
    this.newerVault = newerVaultNotice(definitions, this.withBundles);
    this.options.onChange?.(this.kb);
  }

  /** Reloads every bundle now (also what a file change triggers). */
  reload(): Promise<void> {
    this.loading = this.loading
      .then(() => this.load())
      .catch((error: unknown) => {
        // A bug, not a bad file (those are problems already): say so and keep the last state.
        const message = `ATT&CK Notes could not load STIX bundles: ${String(error)}`;
        this.options.onProblems?.([{ severity: 'error', entry: '', message }]);
      });
    return this.loading;
  }

  info(): KnowledgeBaseInfo {
    return {
      attackVersion: this.kb.attackVersion,
      ...(this.catalog.catalog?.released ? { released: this.catalog.catalog.released } : {}),
      sources: [...this.kb.sources],
      problems: this.problems.map((p) => p.message),
      ...(this.newerVault ? { newerVault: this.newerVault.message } : {}),
    };
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    this.closeWatchers();
  }

  private async load(): Promise<void> {
    const loaded = await loadUserBundles(this.settings, [this.catalog]);
    const previous = new Set(this.problems.map((p) => p.message));
    // No bundle before and none now, nor any problem: the knowledge base is the same, and its
    // catalog index is not built again (the server's first settings name no bundle, and that
    // rebuild was a second catalog load in the middle of the first index; bench: start-up trace).
    const unchanged =
      loaded.layers.length === 0 &&
      this.bundleLayers.length === 0 &&
      loaded.problems.length === 0 &&
      previous.size === 0;
    this.problems = loaded.problems;
    this.bundleLayers = loaded.layers;
    if (unchanged) {
      if (this.options.watchFiles !== false) this.watch(loaded.watched);
      return;
    }
    this.withBundles = AttackKnowledgeBase.fromLayers([this.catalog, ...loaded.layers]);
    this.kb = this.withBundles.withVaultDefinitions(this.vaultDefinitions);
    // A bundle of the vault's release makes the notice go away.
    this.newerVault = newerVaultNotice(this.vaultDefinitions, this.withBundles);
    this.warmUpWhenIdle();
    if (this.options.watchFiles !== false) this.watch(loaded.watched);
    const fresh = loaded.problems.filter((p) => !previous.has(p.message));
    if (fresh.length > 0) this.options.onProblems?.(fresh);
    this.options.onChange?.(this.kb);
  }

  private watch(paths: readonly string[]): void {
    this.closeWatchers();
    const namesByDirectory = new Map<string, Set<string>>();
    for (const path of paths) {
      const names = namesByDirectory.get(dirname(path)) ?? new Set<string>();
      names.add(basename(path));
      namesByDirectory.set(dirname(path), names);
    }
    for (const [directory, names] of namesByDirectory) {
      try {
        const watcher = watch(directory, { persistent: false }, (_event, file) => {
          // Some platforms omit the file name; then any change in the directory counts.
          if (!file || names.has(file.toString())) this.scheduleReload();
        });
        watcher.on('error', () => watcher.close());
        this.watchers.push(watcher);
      } catch {
        // A missing directory was already reported as a missing file; settings changes reload.
      }
    }
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), this.options.debounceMs ?? 300);
  }

  private closeWatchers(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
  }
}
