/**
 * The 34 provinces, named as the offline outline file (public/geo/provinces-vn.geojson) and the
 * server name them; a test checks this list against the file. Offered when a supervisor moves an
 * incident to another province.
 */
export const PROVINCES: readonly string[] = [
  'Hà Nội',
  'Huế',
  'Hải Phòng',
  'Đà Nẵng',
  'Hồ Chí Minh',
  'Cần Thơ',
  'Tuyên Quang',
  'Cao Bằng',
  'Lai Châu',
  'Lào Cai',
  'Thái Nguyên',
  'Điện Biên',
  'Lạng Sơn',
  'Sơn La',
  'Phú Thọ',
  'Bắc Ninh',
  'Quảng Ninh',
  'Hưng Yên',
  'Ninh Bình',
  'Thanh Hóa',
  'Nghệ An',
  'Hà Tĩnh',
  'Quảng Trị',
  'Quảng Ngãi',
  'Gia Lai',
  'Khánh Hòa',
  'Lâm Đồng',
  'Đắk Lắk',
  'Đồng Nai',
  'Tây Ninh',
  'Vĩnh Long',
  'Đồng Tháp',
  'Cà Mau',
  'An Giang',
];

/**
 * The provinces in Vietnamese alphabetical order, for a select; any other name the server uses
 * (a station's province, the incident's own) is added, so the current value is always there.
 */
export function provinceChoices(extra: Iterable<string | null | undefined> = []): string[] {
  const names = new Set(PROVINCES);
  for (const name of extra) if (name) names.add(name);
  return [...names].sort((a, b) => a.localeCompare(b, 'vi'));
}
