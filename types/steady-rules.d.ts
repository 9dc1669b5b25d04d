/** The built-in rule pack, compiled from rules/*.yaml by lib/node/vite-rules-plugin.ts. */
declare module 'virtual:steady-rules' {
  const pack: import('../lib/engine/builtin').BuiltinPack;
  export default pack;
}
