import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVINCES, provinceChoices } from './provinces';

const outlines = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'public', 'geo', 'provinces-vn.geojson'), 'utf8'),
) as { features: { properties: { name: string } }[] };

describe('provinces a supervisor can move an incident to', () => {
  it('are the 34 named in the offline outline file', () => {
    expect(PROVINCES).toHaveLength(34);
    expect([...PROVINCES].sort()).toEqual(outlines.features.map((f) => f.properties.name).sort());
  });

  it('are offered in Vietnamese order, with any other name the server used', () => {
    const choices = provinceChoices(['Tỉnh Mới', null, 'Hà Nội']);
    expect(choices).toHaveLength(35);
    expect(choices).toContain('Tỉnh Mới');
    expect(choices.indexOf('An Giang')).toBe(0);
    expect(choices.indexOf('Bắc Ninh')).toBeLessThan(choices.indexOf('Cà Mau'));
  });
});
