/**
 * Granting an optional host permission in a test profile. Chrome asks the
 * user in a dialog that automation cannot answer, so the grant is written
 * where Chrome keeps it (the profile's Preferences, as after "Allow") while
 * the browser is closed. Run the extension once in the profile first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function grantHostPermissionInProfile(userDataDir: string, extensionId: string, origin: string): void {
  const file = join(userDataDir, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8')) as { extensions?: { settings?: Record<string, Record<string, Record<string, string[]>>> } };
  const extension = prefs.extensions?.settings?.[extensionId];
  if (!extension) throw new Error(`The profile in ${userDataDir} has not run extension ${extensionId} yet`);
  for (const set of ['granted_permissions', 'active_permissions', 'runtime_granted_permissions']) {
    const permissions = (extension[set] ??= { api: [], explicit_host: [], manifest_permissions: [], scriptable_host: [] });
    for (const kind of ['explicit_host', 'scriptable_host']) permissions[kind] = [...new Set([...(permissions[kind] ?? []), origin])];
  }
  writeFileSync(file, JSON.stringify(prefs));
}
