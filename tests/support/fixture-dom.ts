/** Loads a fixture page (tests/fixtures/*.html) into a happy-dom test document at the URL its route gives, without its scripts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_ROUTES } from '../fixtures/routes';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** Points the test document at `href` (happy-dom's own API). */
export function setURL(href: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(href);
}

export function loadFixturePage(file: string): URL {
  const route = FIXTURE_ROUTES.find((r) => r.file === file);
  if (!route) throw new Error(`no route for ${file}`);
  const html = readFileSync(join(FIXTURES, file), 'utf8')
    .replace(/<!doctype html>/i, '')
    .replace(/<script\b[^>]*><\/script>/g, '');
  setURL(route.example);
  document.documentElement.innerHTML = /<html[^>]*>([\s\S]*)<\/html>/i.exec(html)![1];
  return new URL(route.example);
}
