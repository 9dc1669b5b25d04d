import { startEditorBrowser, modelText, findings, events } from './session';
const eb = await startEditorBrowser();
for (const kind of ['ckeditor', 'prosemirror', 'quill', 'froala', 'textarea', 'plain'] as const) {
  const s = await eb.openEditor(kind);
  await s.page.click(s.composer);
  await s.page.keyboard.type('Thanks. Please calm down');
  await s.page.waitForTimeout(120);
  await s.page.keyboard.press('Control+Period');
  await s.page.waitForTimeout(50);
  await s.page.keyboard.press('Enter');
  await s.page.waitForTimeout(150);
  const applied = await modelText(s.page);
  await s.page.keyboard.press('Control+z');
  await s.page.waitForTimeout(150);
  console.log(kind, JSON.stringify({ applied, afterUndo: await modelText(s.page) }));
  await s.page.close();
}
await eb.close();
