import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Checkbox, Radio } from '@/ui/Check';
import { Input, TextArea } from '@/ui/Input';
import { Select } from '@/ui/Select';

afterEach(cleanup);

describe('Input', () => {
  it('is a text box named by its label, typed into as usual', () => {
    const changed = vi.fn();
    render(
      <label>
        Filter by name
        <Input type="search" onChange={(e) => changed(e.target.value)} />
      </label>,
    );
    const box = screen.getByRole('searchbox', { name: 'Filter by name' });
    expect(box.className).toBe('field');
    fireEvent.change(box, { target: { value: 'web' } });
    expect(changed).toHaveBeenCalledWith('web');
  });

  it("is a text box by default and keeps the caller's class", () => {
    render(<Input aria-label="Replicas" className="narrow" />);
    const box = screen.getByRole('textbox', { name: 'Replicas' });
    expect(box.getAttribute('type')).toBe('text');
    expect(box.className).toBe('field narrow');
  });

  it('has a multi-line sibling', () => {
    render(<TextArea aria-label="YAML" />);
    expect(screen.getByRole('textbox', { name: 'YAML' }).tagName).toBe('TEXTAREA');
  });
});

describe('Select', () => {
  it('is a native combobox named by its label, changed with the keyboard', () => {
    const changed = vi.fn();
    render(
      <label>
        Theme
        <Select defaultValue="light" onChange={(e) => changed(e.target.value)}>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </Select>
      </label>,
    );
    const select = screen.getByRole('combobox', { name: 'Theme' });
    fireEvent.change(select, { target: { value: 'dark' } });
    expect(changed).toHaveBeenCalledWith('dark');
    // The chevron is decoration.
    expect(select.parentElement?.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
  });
});

describe('Checkbox and Radio', () => {
  it('wraps the box and its text in one label', () => {
    const changed = vi.fn();
    render(<Checkbox onChange={(e) => changed(e.target.checked)}>Warnings only</Checkbox>);
    const box = screen.getByRole('checkbox', { name: 'Warnings only' });
    fireEvent.click(box);
    expect(changed).toHaveBeenCalledWith(true);
    expect(box.closest('label')?.className).toBe('check-label');
  });

  it('is a bare box named by aria-label without text', () => {
    render(<Checkbox aria-label="Select web" />);
    const box = screen.getByRole('checkbox', { name: 'Select web' });
    expect(box.closest('label')).toBeNull();
  });

  it('makes radios of one group', () => {
    render(
      <>
        <Radio name="policy" value="Background" defaultChecked>
          Background
        </Radio>
        <Radio name="policy" value="Orphan">
          Orphan
        </Radio>
      </>,
    );
    fireEvent.click(screen.getByRole('radio', { name: 'Orphan' }));
    expect(screen.getByRole('radio', { name: 'Orphan' })).toHaveProperty('checked', true);
    expect(screen.getByRole('radio', { name: 'Background' })).toHaveProperty('checked', false);
  });
});
