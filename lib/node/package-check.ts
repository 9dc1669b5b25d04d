/**
 * Checks a release zip before it goes to a store: the manifest parses and
 * carries the release version, nothing ships that should not (source maps,
 * tests), the package stays within its size budget, and every file the
 * manifest (or a page it names) refers to is in the zip.
 */
export interface ZipCheck {
  problems: string[];
  /** The largest files, biggest first, for the size report. */
  largest: { path: string; bytes: number }[];
  totalBytes: number;
}

export interface ZipCheckOptions {
  version: string;
  /** Size of the zip file itself. */
  zipBytes: number;
  budgetBytes: number;
}

const TEST_FILE = /(^|\/)(tests?|__tests__|fixtures)\/|\.(test|spec|e2e|bench)\.[cm]?[jt]sx?$/;
const SOURCE_MAP_COMMENT = /[#@] sourceMappingURL=/;

export function checkExtensionZip(files: Record<string, Uint8Array>, options: ZipCheckOptions): ZipCheck {
  const problems: string[] = [];
  const paths = Object.keys(files).filter((path) => !path.endsWith('/'));
  const sizes = paths.map((path) => ({ path, bytes: files[path]!.length })).sort((a, b) => b.bytes - a.bytes);
  const totalBytes = sizes.reduce((sum, file) => sum + file.bytes, 0);

  if (options.zipBytes > options.budgetBytes) {
    problems.push(`the zip is ${kb(options.zipBytes)}, over its budget of ${kb(options.budgetBytes)}`);
  }
  for (const path of paths) {
    if (path.endsWith('.map')) problems.push(`${path}: source map in the package`);
    else if (TEST_FILE.test(path)) problems.push(`${path}: test file in the package`);
    else if (/\.(m?js|css)$/.test(path) && SOURCE_MAP_COMMENT.test(text(files[path]!))) problems.push(`${path}: points to a source map`);
  }

  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) return { problems: [...problems, 'no manifest.json at the root of the zip'], largest: sizes.slice(0, 8), totalBytes };
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text(manifestBytes)) as Record<string, unknown>;
  } catch (error) {
    return { problems: [...problems, `manifest.json does not parse: ${(error as Error).message}`], largest: sizes.slice(0, 8), totalBytes };
  }
  if (manifest.version !== options.version) problems.push(`manifest.json has version ${String(manifest.version)}, package.json ${options.version}`);
  for (const [where, path] of referencedFiles(manifest, files)) {
    if (!(path in files)) problems.push(`${where} names ${path}, which is not in the zip`);
  }
  return { problems, largest: sizes.slice(0, 8), totalBytes };
}

/** [where it is named, path] for every file the manifest and the HTML pages it names refer to. */
export function referencedFiles(manifest: Record<string, unknown>, files: Record<string, Uint8Array> = {}): [string, string][] {
  const m = manifest as {
    icons?: Record<string, string>;
    action?: { default_icon?: string | Record<string, string>; default_popup?: string };
    browser_action?: { default_icon?: string | Record<string, string>; default_popup?: string };
    background?: { service_worker?: string; scripts?: string[]; page?: string };
    content_scripts?: { js?: string[]; css?: string[] }[];
    options_ui?: { page?: string };
    options_page?: string;
    side_panel?: { default_path?: string };
    sidebar_action?: { default_panel?: string; default_icon?: string | Record<string, string> };
    web_accessible_resources?: (string | { resources?: string[] })[];
    storage?: { managed_schema?: string };
  };
  const refs: [string, string][] = [];
  const add = (where: string, path: string | undefined) => {
    if (path && !path.includes('*')) refs.push([where, path.replace(/^\//, '')]);
  };
  const addIcons = (where: string, icon: string | Record<string, string> | undefined) =>
    typeof icon === 'string' ? add(where, icon) : Object.entries(icon ?? {}).forEach(([size, path]) => add(`${where}.${size}`, path));
  addIcons('icons', m.icons);
  for (const key of ['action', 'browser_action'] as const) {
    addIcons(`${key}.default_icon`, m[key]?.default_icon);
    add(`${key}.default_popup`, m[key]?.default_popup);
  }
  add('background.service_worker', m.background?.service_worker);
  add('background.page', m.background?.page);
  m.background?.scripts?.forEach((path) => add('background.scripts', path));
  m.content_scripts?.forEach((script, i) => [...(script.js ?? []), ...(script.css ?? [])].forEach((path) => add(`content_scripts[${i}]`, path)));
  add('options_ui.page', m.options_ui?.page);
  add('options_page', m.options_page);
  add('side_panel.default_path', m.side_panel?.default_path);
  add('sidebar_action.default_panel', m.sidebar_action?.default_panel);
  addIcons('sidebar_action.default_icon', m.sidebar_action?.default_icon);
  m.web_accessible_resources?.forEach((entry) => (typeof entry === 'string' ? [entry] : entry.resources ?? []).forEach((path) => add('web_accessible_resources', path)));
  add('storage.managed_schema', m.storage?.managed_schema);
  // Pages pull in their scripts and styles by root-relative URL.
  for (const [, page] of refs.filter(([, path]) => path.endsWith('.html'))) {
    const html = files[page];
    if (!html) continue;
    for (const match of text(html).matchAll(/\b(?:src|href)="(\/[^"#?]+)"/g)) add(page, match[1]);
  }
  return refs;
}

/** The sources zip Mozilla's reviewers rebuild from: the build inputs, nothing generated or installed. */
export function checkSourcesZip(paths: readonly string[]): string[] {
  const problems: string[] = [];
  for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'README.md']) {
    if (!paths.includes(needed)) problems.push(`sources zip: ${needed} is missing`);
  }
  for (const path of paths) {
    if (/^(node_modules|\.output|\.wxt)\//.test(path)) {
      problems.push(`sources zip: ${path.split('/')[0]} should not be in it`);
      break;
    }
  }
  return problems;
}

/**
 * The permissions the README's Privacy section documents: each backticked name in
 * its "Minimum permissions" item, so a permission cannot be added without saying why.
 */
export function documentedPermissions(readme: string): string[] {
  const privacy = /^## Privacy$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1] ?? '';
  const item = privacy.split(/^- /m).find((bullet) => bullet.startsWith('**Minimum permissions.**')) ?? '';
  return [...item.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
}

/** Every permission a manifest asks for or may ask for later. */
export function manifestPermissions(manifest: { permissions?: string[]; optional_permissions?: string[]; host_permissions?: string[]; optional_host_permissions?: string[] }): string[] {
  return [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? []), ...(manifest.optional_permissions ?? []), ...(manifest.optional_host_permissions ?? [])];
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
