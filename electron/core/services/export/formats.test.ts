import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../testing/parse-csv.js';
import { createFormatWriter, csvField, csvLine, type ExportRecord } from './formats.js';

const rec = (cells: string[], json: object): ExportRecord => ({ cells, json: JSON.stringify(json) });

describe('export formats', () => {
  it('quotes CSV fields per RFC 4180 only when needed, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('')).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField('{"k":"v"}')).toBe('"{""k"":""v""}"');
    expect(csvLine(['1', 'a,b', ''])).toBe('1,"a,b",\r\n');
  });

  it('writes CSV that a strict reader gives back field for field', () => {
    const nasty = ['1', 'comma, here', 'quote " here', 'multi\r\nline', '{"context":"x,y"}', 'é ü 日本', ''];
    const w = createFormatWriter('csv', ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    const text = w.begin() + w.rows([rec(nasty, {}), rec(['2', '', '', '', '', '', 'last'], {})]) + w.end();
    expect(parseCsv(text)).toEqual([['a', 'b', 'c', 'd', 'e', 'f', 'g'], nasty, ['2', '', '', '', '', '', 'last']]);
  });

  it('writes JSON as one valid array across many chunks, and [] when empty', () => {
    const w = createFormatWriter('json', []);
    const text = w.begin() + w.rows([rec([], { id: 1 }), rec([], { id: 2 })]) + w.rows([rec([], { id: 3 })]) + w.end();
    expect(JSON.parse(text)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    const empty = createFormatWriter('json', []);
    expect(JSON.parse(empty.begin() + empty.rows([]) + empty.end())).toEqual([]);
  });

  it('writes JSONL as one object per line', () => {
    const w = createFormatWriter('jsonl', []);
    const text = w.begin() + w.rows([rec([], { id: 1, m: 'a\nb' }), rec([], { id: 2 })]) + w.end();
    expect(text.split('\n')).toEqual(['{"id":1,"m":"a\\nb"}', '{"id":2}', '']);
  });
});
