export default defineBackground(() => {
  // The toolbar button opens the side panel (Chrome); Firefox has no sidePanel API.
  browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch((error: unknown) => {
    console.error('Steady: could not bind the side panel to the toolbar button', error);
  });
});
