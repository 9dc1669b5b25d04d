/** Build-time modules produced by lib/node/vite-*-plugin.ts from rules/*.yaml. */
declare module 'virtual:steady-content' {
  const content: {
    scripts: import('../scripts/library').Script[];
    /** rules/checklist.yaml, validated; compile with createChecklist(). */
    checklist: unknown;
    /** rules/triggers.yaml, validated; compile with compileTriggers(). */
    triggers: unknown;
  };
  export default content;
}
/** The built-in rule pack, compiled from rules/*.yaml by lib/node/vite-rules-plugin.ts, with each rule's first flag example only (the options page shows it). */
declare module 'virtual:steady-rules' {
  const pack: import('../engine/builtin').BuiltinPack;
  export default pack;
}
/** The same pack with every rule's examples left empty (the coach and the side panel never show them). */
declare module 'virtual:steady-rules-lean' {
  const pack: import('../engine/builtin').BuiltinPack;
  export default pack;
}
