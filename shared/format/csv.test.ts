import { describe, expect, it } from 'vitest';
import { csvField, csvLine, neutraliseCsvFormula } from './csv.js';

describe('CSV cells (OWASP CSV injection rule)', () => {
  it.each(['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', '=', '-', '+', '-1.5.2', '-Infinity', '+-1', '- 1'])(
    'prefixes %j with a quote so a spreadsheet shows it as text',
    (cell) => {
      expect(neutraliseCsvFormula(cell)).toBe(`'${cell}`);
    },
  );

  it.each(['-1.5', '+2', '-0', '1e-8', '-2.5E+10', '-.5', '3.', '0', '123', 'BTC/USD', '', ' =x', "'=x"])(
    'leaves %j as it is (numbers stay numbers)',
    (cell) => {
      expect(neutraliseCsvFormula(cell)).toBe(cell);
    },
  );

  it('neutralises before quoting, so a quoted formula cannot slip through', () => {
    expect(csvField('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvLine(['-1.5', '@x', 'a,b'])).toBe(`-1.5,'@x,"a,b"\r\n`);
  });
});
