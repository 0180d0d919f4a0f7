/**
 * Provinces after the 2025 merger (NQ 202/2025/QH15: 63 became 34), with the names people
 * still use for the provinces merged into them. Aliases are written folded (lowercase,
 * no diacritics, đ as d) because they are matched against folded text.
 */
export interface Province {
  code: string;
  name: string;
  aliases: string[];
}

const p = (code: string, name: string, ...aliases: string[]): Province => ({ code, name, aliases });

export const PROVINCES: readonly Province[] = [
  p('ha-noi', 'Hà Nội', 'ha noi', 'hanoi', 'thu do', 'tp ha noi', 'thanh pho ha noi'),
  p('ho-chi-minh', 'TP. Hồ Chí Minh', 'ho chi minh', 'tp hcm', 'tphcm', 'hcm', 'hcmc', 'sai gon', 'saigon', 'binh duong', 'ba ria vung tau', 'ba ria', 'vung tau'),
  p('hai-phong', 'Hải Phòng', 'hai phong', 'hai duong'),
  p('da-nang', 'Đà Nẵng', 'da nang', 'danang', 'quang nam'),
  p('can-tho', 'Cần Thơ', 'can tho', 'soc trang', 'hau giang'),
  p('hue', 'Huế', 'hue', 'thua thien hue'),
  p('lai-chau', 'Lai Châu', 'lai chau'),
  p('dien-bien', 'Điện Biên', 'dien bien'),
  p('son-la', 'Sơn La', 'son la'),
  p('lang-son', 'Lạng Sơn', 'lang son'),
  p('quang-ninh', 'Quảng Ninh', 'quang ninh'),
  p('thanh-hoa', 'Thanh Hóa', 'thanh hoa'),
  p('nghe-an', 'Nghệ An', 'nghe an'),
  p('ha-tinh', 'Hà Tĩnh', 'ha tinh'),
  p('cao-bang', 'Cao Bằng', 'cao bang'),
  p('tuyen-quang', 'Tuyên Quang', 'tuyen quang', 'ha giang'),
  p('lao-cai', 'Lào Cai', 'lao cai', 'yen bai'),
  p('thai-nguyen', 'Thái Nguyên', 'thai nguyen', 'bac kan', 'bac can'),
  p('phu-tho', 'Phú Thọ', 'phu tho', 'vinh phuc', 'hoa binh'),
  p('bac-ninh', 'Bắc Ninh', 'bac ninh', 'bac giang'),
  p('hung-yen', 'Hưng Yên', 'hung yen', 'thai binh'),
  p('ninh-binh', 'Ninh Bình', 'ninh binh', 'ha nam', 'nam dinh'),
  p('quang-tri', 'Quảng Trị', 'quang tri', 'quang binh'),
  p('quang-ngai', 'Quảng Ngãi', 'quang ngai', 'kon tum'),
  p('gia-lai', 'Gia Lai', 'gia lai', 'binh dinh'),
  p('khanh-hoa', 'Khánh Hòa', 'khanh hoa', 'ninh thuan', 'nha trang'),
  p('lam-dong', 'Lâm Đồng', 'lam dong', 'dak nong', 'binh thuan', 'da lat'),
  p('dak-lak', 'Đắk Lắk', 'dak lak', 'daklak', 'dac lac', 'phu yen'),
  p('dong-nai', 'Đồng Nai', 'dong nai', 'binh phuoc'),
  p('tay-ninh', 'Tây Ninh', 'tay ninh', 'long an'),
  p('vinh-long', 'Vĩnh Long', 'vinh long', 'ben tre', 'tra vinh'),
  p('dong-thap', 'Đồng Tháp', 'dong thap', 'tien giang'),
  p('ca-mau', 'Cà Mau', 'ca mau', 'bac lieu'),
  p('an-giang', 'An Giang', 'an giang', 'kien giang'),
];

const byCode = new Map(PROVINCES.map((x) => [x.code, x]));

export function provinceByCode(code: string): Province | undefined {
  return byCode.get(code);
}
