import { describe, expect, it } from 'vitest';
import {
  UNRESOLVED,
  escapeArmLiteral,
  evaluateArmString,
  isArmExpression,
  lastStringLiteral,
  unescapeArmLiteral,
  type ArmScope,
} from './arm-expressions.ts';

const scope: ArmScope = {
  parameters: {
    instanceName: { type: 'string' },
    profileName: { type: 'string', defaultValue: 'default' },
    port: { type: 'int', defaultValue: 8883 },
    hostName: { type: 'string', defaultValue: "[format('{0}.example.com', parameters('profileName'))]" },
  },
  variables: { prefix: 'plant', loop: "[variables('loop')]" },
};

describe('evaluateArmString', () => {
  it.each([
    ['a literal', 'plain', 'plain'],
    ['an escaped literal', '[[not an expression]', '[not an expression]'],
    ['a parameter default', "[parameters('profileName')]", 'default'],
    ['a parameter name in another case', "[parameters('PROFILENAME')]", 'default'],
    ['a non-string default', "[parameters('port')]", 8883],
    ['a parameter without default', "[parameters('instanceName')]", UNRESOLVED],
    ['a default that is an expression', "[parameters('hostName')]", 'default.example.com'],
    [
      'format',
      "[format('{0}/{1}/{2}', parameters('instanceName'), parameters('profileName'), 'flow')]",
      `${UNRESOLVED}/default/flow`,
    ],
    ['format with escaped braces', "[format('{{{0}}}', 'x')]", '{x}'],
    ['concat', "[concat(variables('prefix'), '-', 'flow')]", 'plant-flow'],
    ['quotes in literals', "[concat('it''s', ' ok')]", "it's ok"],
    ['toLower', "[toLower('ABC')]", 'abc'],
    ['string of a number', '[string(42)]', '42'],
    ['an unknown function', '[resourceGroup().location]', UNRESOLVED],
    ['a self-referencing variable', "[variables('loop')]", UNRESOLVED],
  ])('%s', (_, text, expected) => {
    expect(evaluateArmString(text, scope)).toEqual(expected);
  });

  it.each(["[format('{0}']", "[concat('a' 'b')]", '[#]', "[parameters('x')) ]"])(
    'is undefined for the malformed %s',
    (text) => {
      expect(evaluateArmString(text, scope)).toBeUndefined();
    },
  );
});

describe('ARM literal escaping', () => {
  it('escapes exactly the strings ARM would evaluate', () => {
    expect(escapeArmLiteral('[draft]')).toBe('[[draft]');
    expect(escapeArmLiteral('[draft')).toBe('[draft');
    expect(escapeArmLiteral('draft]')).toBe('draft]');
    expect(isArmExpression('[[draft]')).toBe(false);
    expect(isArmExpression('[x]')).toBe(true);
    for (const s of ['[draft]', '[[x]]', 'plain', '[', ']', '[]']) {
      expect(unescapeArmLiteral(escapeArmLiteral(s))).toBe(s);
    }
  });

  it('finds the last string literal of an expression', () => {
    expect(lastStringLiteral("[concat(parameters('a'), '/', 'my-flow')]")).toBe('my-flow');
    expect(lastStringLiteral("[concat('a]")).toBeUndefined();
    expect(lastStringLiteral("[format('{0}/{1}', parameters('i'), variables('n'))]")).toBeUndefined();
  });
});
