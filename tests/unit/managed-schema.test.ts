/**
 * Chrome drops every policy property its schema does not name, so the
 * administrator policy schema must name every field a rule pack can have.
 */
import { expect, test } from 'vitest';
import { packSchemas } from '../../lib/engine/pack';

const { pack: packSchema, rule: ruleSchema } = packSchemas();
import { MANAGED_PACK_SCHEMA, MANAGED_RULE_SCHEMA, MANAGED_SCHEMA } from '../../lib/settings/managed-schema';

const keys = (o: object) => Object.keys(o).sort();
const shape = (schema: unknown) => (schema as { unwrap?: () => unknown }).unwrap?.() ?? schema;

test('the policy schema names every field of a pack and of a rule', () => {
  expect(keys(MANAGED_PACK_SCHEMA.properties)).toEqual(keys(packSchema.shape));
  expect(keys(MANAGED_RULE_SCHEMA.properties)).toEqual(keys(ruleSchema.shape));
  const except = shape(ruleSchema.shape.except) as { shape: object };
  expect(keys(MANAGED_RULE_SCHEMA.properties.except.properties)).toEqual(keys(except.shape));
  const examples = (ruleSchema.shape.examples as unknown as { in: { shape: object } }).in.shape;
  expect(keys(MANAGED_RULE_SCHEMA.properties.examples.properties)).toEqual(keys(examples));
});

test('only the types Chrome policy schemas know are used', () => {
  const types = new Set<string>();
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const { type } = node as { type?: string };
    if (type) types.add(type);
    Object.values(node).forEach(visit);
  };
  visit(MANAGED_SCHEMA);
  expect([...types].every((type) => ['object', 'array', 'string', 'boolean', 'integer', 'number'].includes(type))).toBe(true);
});
