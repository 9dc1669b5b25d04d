// Every unit test sees the built-in rule pack read from rules/*.yaml.
import fc from 'fast-check';
import { loadBuiltinPack } from '../../lib/node/rule-files';

loadBuiltinPack();

// CI explores one fixed set of generated cases so a run is repeatable; local runs keep exploring new ones.
if (process.env.CI) fc.configureGlobal({ seed: 20261123 });
