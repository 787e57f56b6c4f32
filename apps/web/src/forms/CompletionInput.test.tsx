import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { expressionCompleter } from '../builder/completion.ts';
import { CompletionInput } from './CompletionInput.tsx';

function Formula({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <FluentProvider theme={webLightTheme}>
      <CompletionInput
        aria-label="Expression"
        testId="expr"
        value={value}
        onValue={setValue}
        complete={expressionCompleter(['temperature', 'humidity'], ['cToF', 'concat', 'max'])}
      />
    </FluentProvider>
  );
}

const input = () => screen.getByRole<HTMLInputElement>('combobox', { name: 'Expression' });
const options = () => screen.queryAllByRole('option').map((o) => o.textContent);

describe('completion input', () => {
  it('pops up as the user types, moves with the arrows and takes the active item with Enter', async () => {
    const user = userEvent.setup();
    render(<Formula />);
    await user.type(input(), 'c');
    expect(input().getAttribute('aria-expanded')).toBe('true');
    expect(options()).toEqual(['cToF()function', 'concat()function']);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(input().value).toBe('concat(');
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.type(input(), '$');
    expect(options()).toEqual(['$1temperature', '$2humidity']);
    expect(input().getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]!.id);
    await user.keyboard('{Tab}');
    expect(input().value).toBe('concat($1');
  });

  it('replaces only the word at the cursor and leaves the cursor after the insertion', async () => {
    const user = userEvent.setup();
    render(<Formula initial="m + $1" />);
    input().focus();
    input().setSelectionRange(1, 1);
    await user.keyboard('a');
    expect(options()).toEqual(['max()function']);
    await user.click(screen.getByRole('option', { name: /max/ }));
    expect(input().value).toBe('max( + $1');
    expect(input().selectionStart).toBe(4);
  });

  it('closes with Escape and opens on Ctrl+Space with everything', async () => {
    const user = userEvent.setup();
    render(<Formula />);
    await user.type(input(), 'c');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.clear(input());
    await user.keyboard('{Control>} {/Control}');
    expect(options()).toHaveLength(5);
  });
});
