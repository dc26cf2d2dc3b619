/**
 * The settings of the core and the rooms. Their defaults are written once, in
 * `schema/<plugin>.json`: a plugin reads its settings through the settings registry, whose
 * composite values hold the schema's defaults.
 */
import type { ISettingRegistry } from '@jupyterlab/settingregistry';

/**
 * Used only where a room's model is built without its settings (no settings registry, e.g. in
 * unit tests); in JupyterLab the schemas' defaults apply.
 */
export const FALLBACK_SETTINGS = {
  pollInterval: 3000,
  logInterval: 1000,
  metricInterval: 2000
} as const;

/** A plugin's settings, or null (with a warning) without a settings registry or when it fails. */
export async function loadSettings(
  registry: ISettingRegistry | null,
  pluginId: string
): Promise<ISettingRegistry.ISettings | null> {
  if (!registry) {
    return null;
  }
  try {
    return await registry.load(pluginId);
  } catch (reason) {
    console.warn(`jupyter-smstudio: cannot load the settings of ${pluginId}`, reason);
    return null;
  }
}

/** The numeric settings `names` as the registry has them (absent ones are left out). */
export function numberSettings<K extends string>(
  settings: ISettingRegistry.ISettings | null,
  names: ReadonlyArray<K>
): Partial<Record<K, number>> {
  const values: Partial<Record<K, number>> = {};
  for (const name of names) {
    const value = settings?.composite[name];
    if (typeof value === 'number') {
      values[name] = value;
    }
  }
  return values;
}
