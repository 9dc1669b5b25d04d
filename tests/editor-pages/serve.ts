/**
 * Builds the editor test pages (real editors + the coach bundle, with esbuild)
 * and serves them on loopback: GET /<editor> opens that editor.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { EditorKind } from './editors';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');
const STYLES: Partial<Record<EditorKind, string>> = {
  ckeditor: 'node_modules/ckeditor5/dist/ckeditor5.css',
  quill: 'node_modules/quill/dist/quill.snow.css',
  froala: 'node_modules/froala-editor/css/froala_editor.pkgd.min.css',
  summernote: 'node_modules/summernote/dist/summernote-lite.min.css',
  trix: 'node_modules/trix/dist/trix.css',
  draftjs: 'node_modules/draft-js/dist/Draft.css',
  jodit: 'node_modules/jodit/es2021/jodit.min.css',
};
/** Editors that pages load by classic <script>, as the apps do (their bundles expect globals). */
const SCRIPTS: Partial<Record<EditorKind, string[]>> = {
  'tinymce-inline': ['node_modules/tinymce/tinymce.min.js'],
  tinymce: ['node_modules/tinymce/tinymce.min.js'],
  ckeditor4: ['node_modules/ckeditor4/ckeditor.js'],
  summernote: ['node_modules/jquery/dist/jquery.min.js', 'node_modules/summernote/dist/summernote-lite.min.js'],
};

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };

export interface EditorPages {
  url(kind: EditorKind): string;
  /** The coach page script as one classic script, to run in an isolated world the way a content script runs. */
  coachScript: string;
  close(): Promise<void>;
}

function page(kind: EditorKind): string {
  const style = STYLES[kind] ? `<link rel="stylesheet" href="/${STYLES[kind]}">` : '';
  const scripts = (SCRIPTS[kind] ?? []).map((src) => `<script src="/${src}"></script>`).join('');
  return `<!doctype html><html lang="en" data-editor="${kind}"><head><meta charset="utf-8"><title>${kind}</title>${style}
<style>body{font:15px/1.5 sans-serif;margin:40px;} .plain,textarea{width:600px;min-height:120px;border:1px solid #999;padding:8px;font:15px/1.5 sans-serif;}
.ProseMirror{border:1px solid #999;padding:8px;min-height:120px;white-space:pre-wrap;} #mount{width:640px;}</style></head>
<body><h1>${kind}</h1><div id="mount"></div>${scripts}<script type="module" src="/out/editors.js"></script><script type="module" src="/out/coach-page.js"></script></body></html>`;
}

export async function serveEditorPages(): Promise<EditorPages> {
  const out = mkdtempSync(join(tmpdir(), 'steady-editor-pages-'));
  await build({
    entryPoints: [join(HERE, 'editors.ts'), join(HERE, 'coach-page.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: out,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'error',
    loader: { '.css': 'empty' },
  });
  const classic = await build({
    entryPoints: [join(HERE, 'coach-page.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'error',
  });
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path.startsWith('/out/') ? join(out, path.slice(5)) : path.startsWith('/node_modules/') ? join(ROOT, path) : null;
    if (!file) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(path.slice(1) as EditorKind));
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: (kind) => `http://127.0.0.1:${port}/${kind}`,
    coachScript: classic.outputFiles[0].text,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
