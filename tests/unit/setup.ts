// Every unit test sees the built-in rule pack read from rules/*.yaml.
import { loadBuiltinPack } from '../../lib/node/rule-files';

loadBuiltinPack();
