"""Header parsing, table-driven from real header variants (Decree 30 layout, Party documents,
OCR slips, handwritten numbers, text exports that merge the two columns)."""
import pytest

from pipeline.segment import cues
from pipeline.segment.header import (
    WARN_DAY_BLANK,
    WARN_NUMBER_BLANK,
    parse_number,
    is_place_date,
    parse_place_date,
)
from pipeline.segment.lines import split_columns
from tests.segment_helpers import BODY, seg


@pytest.mark.parametrize(
    "line, number, warned",
    [
        ("Số: 1668 /STP-BTTP", "1668/STP-BTTP", False),
        ("Số: 11 /TB-UBND", "11/TB-UBND", False),
        ("Số: 45 /CV-PA83", "45/CV-PA83", False),
        ("Số: 2003 /CĐ-VPCP", "2003/CĐ-VPCP", False),
        ("Số 21-CT/TW", "21-CT/TW", False),
        ("Số: 30/2020/NĐ-CP", "30/2020/NĐ-CP", False),
        ("Số: 04/QĐ-BCĐ138", "04/QĐ-BCĐ138", False),
        ("Số: 298 / TTr - CAT - PC04", "298/TTr-CAT-PC04", False),
        ("Số: 3070. /KH-UBND", "3070/KH-UBND", False),  # kh-3070 (dev): a stop typed after the number in the blank
        ("Số: /BC-UBND", None, True),
        ("Số    /TTr-CAT-PC04", None, True),
        ("Số: ......./QĐ-UBND", None, True),
        ("Số: …/KH-UBND", None, True),
        ("Số    -HD/BTCTU", None, True),  # hd-21-btctu (dev): a Party number left for the e-office to stamp
        ("Số -QĐ/TU", None, True),  # qd-tu-thanh-hoa (dev): a Party draft
        ("Số 21 - HD/BTCTU", "21-HD/BTCTU", False),  # the Party hyphen spaced
        ("Số 08 –HD/BTCTU", "08-HD/BTCTU", False),  # typed as an en dash (Word's autocorrect of " - ")
    ],
)
def test_number(line, number, warned):
    got, warning = parse_number(line)
    assert got == number, line
    assert (warning is not None) == warned, line


@pytest.mark.parametrize(
    "line, place, day",
    [
        ("Lạng Sơn, ngày 15 tháng 3 năm 2023", "Lạng Sơn", "2023-03-15"),
        ("Quảng Ngãi, ngày 08 tháng 01 năm 2025", "Quảng Ngãi", "2025-01-08"),
        ("Quảng Ngãi, ngày 24tháng 01 năm 2025", "Quảng Ngãi", "2025-01-24"),
        ("Hà Nội, ngày 07 tháng 10 năm 2025", "Hà Nội", "2025-10-07"),
        ("TP. Hồ Chí Minh, ngày 01 tháng 12 năm 2024", "TP. Hồ Chí Minh", "2024-12-01"),
        ("Lâm Đồng ngày 27 tháng 11 năm 2025", "Lâm Đồng", "2025-11-27"),
        ("Lâm Đồng, ngày    tháng 10 năm 2025", "Lâm Đồng", None),
        ("Đà Nẵng, ngày 31 tháng 02 năm 2018", "Đà Nẵng", None),
    ],
)
def test_place_date(line, place, day):
    got_place, got_day, _ = parse_place_date(line)
    assert (got_place, got_day) == (place, day), line


@pytest.mark.parametrize(
    "line, motto, slogan, party",
    [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, False),
        ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, False),
        ("CONG HOA XA HOl CHU NGHIA VIET NAM", True, False, False),  # OCR without tone marks, l for I
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM.", True, False, False),
        ("Độc lập - Tự do - Hạnh phúc", False, True, False),
        ("Độc lập – Tự do – Hạnh phúc", False, True, False),
        ("Độc lập -Tự do- Hanh phúc", False, True, False),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", False, False, True),
        ("ỦY BAN NHÂN DÂN", False, False, False),
        ("CÔNG AN TỈNH LÂM ĐỒNG", False, False, False),
        ("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", False, False, False),
    ],
)
def test_motto(line, motto, slogan, party):
    assert (cues.is_motto(line), cues.is_slogan(line), cues.is_party_motto(line)) == (motto, slogan, party)


@pytest.mark.parametrize(
    "symbol, doc_type",
    [
        ("123/BC-STTTT", "Báo cáo"),
        ("04/QĐ-BCĐ138", "Quyết định"),
        ("298/TTr-CAT-PC04", "Tờ trình"),
        ("11/TB-UBND", "Thông báo"),
        ("2003/CĐ-VPCP", "Công điện"),
        ("15/KH-UBND", "Kế hoạch"),
        ("30/2020/NĐ-CP", "Nghị định"),
        ("21-CT/TW", "Chỉ thị"),
        ("35-KL/TW", "Kết luận"),
        ("507/UBND-KGVX", "Công văn"),
        ("1668/STP-BTTP", "Công văn"),
        ("45/CV-PA83", "Công văn"),
        ("12/2023/TT-BCA", "Thông tư"),  # TT of the State is a circular...
        ("01-TT/TW", "Thông tri"),  # ...and of the Party a "thông tri"
        ("05/2024/TT-BTTTT", "Thông tư"),
        ("155/TM-SYT", "Thư mời"),  # tm-155 (dev scan)
        ("1842b/CTPH-BVHTTDL-TLĐLĐVN", "Chương trình phối hợp"),  # cited by ctph-ldld-svhttdl-an-giang (dev scan)
    ],
)
def test_doc_type_from_symbol(symbol, doc_type):
    assert cues.doc_type_from_symbol(symbol).name == doc_type


@pytest.mark.parametrize(
    "line, parts",
    [
        ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
        ("TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc", ["TỈNH QUẢNG NGÃI", "Độc lập - Tự do - Hạnh phúc"]),
        ("Số: 11 /TB-UBND Quảng Ngãi, ngày 08 tháng 01 năm 2025", ["Số: 11 /TB-UBND", "Quảng Ngãi, ngày 08 tháng 01 năm 2025"]),
        ("Số: 1668 /STP-BTTP Lâm Đồng, ngày 27 tháng 11 năm 2025", ["Số: 1668 /STP-BTTP", "Lâm Đồng, ngày 27 tháng 11 năm 2025"]),
        ("TỈNH ỦY LẠNG SƠN ĐẢNG CỘNG SẢN VIỆT NAM", ["TỈNH ỦY LẠNG SƠN", "ĐẢNG CỘNG SẢN VIỆT NAM"]),
        ("Nơi nhận: TL. CHỦ TỊCH", ["Nơi nhận:", "TL. CHỦ TỊCH"]),
        ("- Như trên; KT. CHÁNH VĂN PHÒNG", ["- Như trên;", "KT. CHÁNH VĂN PHÒNG"]),
        ("- CT, PCT UBND tỉnh (b/cáo); PHÓ CHÁNH VĂN PHÒNG", ["- CT, PCT UBND tỉnh (b/cáo);", "PHÓ CHÁNH VĂN PHÒNG"]),
        ("- Lưu: VT, KGVX(bnt).", ["- Lưu: VT, KGVX(bnt)."]),
        ("Thực hiện Công văn số 715/BCĐ-CAT ngày 06/3/2023", ["Thực hiện Công văn số 715/BCĐ-CAT ngày 06/3/2023"]),
        # body lines naming the country or a place (corpus/eval/dev): no motto in capitals, no slogan going on "Tự do"
        ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",  # luat-58-2014 web print
         ["Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"]),
        ("Căn cứ Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm",  # luat-16-2008 web print
         ["Căn cứ Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm"]),
        ("V/v Hỗ trợ học sinh đi tham quan tại Dinh Độc Lập",  # ttr-dtn-thpt-bung-rieng
         ["V/v Hỗ trợ học sinh đi tham quan tại Dinh Độc Lập"]),
        ("Địa điểm triển lãm: tại Khuôn Dinh Độc Lập – TP. HCM.", ["Địa điểm triển lãm: tại Khuôn Dinh Độc Lập – TP. HCM."]),
        # the country named in capitals: no motto after "NƯỚC" (nd-28-2026 Công báo print's signature line; a subject
        # of the 2025 National Day), and a motto followed by the slogan on its line is still one
        ("Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ["Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
        ("KỶ NIỆM 80 NĂM CÁCH MẠNG THÁNG TÁM VÀ QUỐC KHÁNH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
         ["KỶ NIỆM 80 NĂM CÁCH MẠNG THÁNG TÁM VÀ QUỐC KHÁNH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
        ("SỞ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
         ["SỞ Y TẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"]),
    ],
)
def test_split_merged_columns(line, parts):
    assert split_columns(line) == parts


# (lines, expected header fields, expected warnings) — whole headers in the orders readers give them
HEADERS = [
    pytest.param(
        # interleaved: one row of the printed header after another
        ["UBND TỈNH LẠNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
         "Độc lập - Tự do - Hạnh phúc", "Số: 123 /BC-STTTT", "Lạng Sơn, ngày 15 tháng 3 năm 2023",
         "BÁO CÁO", "Kết quả tuyên truyền công tác phòng, chống tội phạm;",
         "phòng, chống mua bán người quý I năm 2023",
         "Kính gửi: Ban Chỉ đạo 138 tỉnh (Phòng PV01 - Công an tỉnh)."],
        dict(agency="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", parent_agency="UBND TỈNH LẠNG SƠN", number="123/BC-STTTT",
             doc_type="Báo cáo", place="Lạng Sơn", date="2023-03-15",
             subject="Kết quả tuyên truyền công tác phòng, chống tội phạm; phòng, chống mua bán người quý I năm 2023",
             recipients=("Ban Chỉ đạo 138 tỉnh (Phòng PV01 - Công an tỉnh)",)),
        [],
        id="bao-cao-interleaved",
    ),
    pytest.param(
        # column by column, as the PDF reader gives a two-column header
        ["UBND TỈNH LÂM ĐỒNG", "SỞ TƯ PHÁP", "Số: 1668 /STP-BTTP", "V/v có ý kiến đối với hồ sơ hợp",
         "nhất Đoàn Luật sư tỉnh Lâm Đồng,", "Bình Thuận, Đắk Nông (cũ) thành", "Đoàn Luật sư tỉnh Lâm Đồng",
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc",
         "Lâm Đồng, ngày 27 tháng 11 năm 2025", "Kính gửi: Sở Nội vụ tỉnh Lâm Đồng"],
        dict(agency="SỞ TƯ PHÁP", parent_agency="UBND TỈNH LÂM ĐỒNG", number="1668/STP-BTTP", doc_type="Công văn",
             place="Lâm Đồng", date="2025-11-27",
             subject="có ý kiến đối với hồ sơ hợp nhất Đoàn Luật sư tỉnh Lâm Đồng, Bình Thuận, Đắk Nông (cũ) thành Đoàn Luật sư tỉnh Lâm Đồng",
             recipients=("Sở Nội vụ tỉnh Lâm Đồng",)),
        [],
        id="cong-van-column-order",
    ),
    pytest.param(
        # a text export that merged the two columns on each line (pdftotext -layout, spaces collapsed)
        ["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc",
         "Số: 11 /TB-UBND Quảng Ngãi, ngày 08 tháng 01 năm 2025", "THÔNG BÁO",
         "Kết luận của Phó Chủ tịch UBND tỉnh Võ Phiên tại cuộc họp nghe",
         "báo cáo về tình hình thực hiện công tác cổ phần hóa Công ty TNHH",
         "MTV Đầu tư, Xây dựng và Kinh doanh dịch vụ Quảng Ngãi trong",
         "thời gian qua và nhiệm vụ trọng tâm trong thời gian đến"],
        dict(agency="ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", parent_agency=None, number="11/TB-UBND", doc_type="Thông báo",
             place="Quảng Ngãi", date="2025-01-08",
             subject="Kết luận của Phó Chủ tịch UBND tỉnh Võ Phiên tại cuộc họp nghe báo cáo về tình hình thực hiện công tác cổ phần hóa Công ty TNHH MTV Đầu tư, Xây dựng và Kinh doanh dịch vụ Quảng Ngãi trong thời gian qua và nhiệm vụ trọng tâm trong thời gian đến",
             recipients=()),
        [],
        id="thong-bao-merged-columns",
    ),
    pytest.param(
        # Party document: "ĐẢNG CỘNG SẢN VIỆT NAM" instead of the national motto, a star under the agency
        ["ĐẢNG BỘ TỈNH LẠNG SƠN", "ĐẢNG CỘNG SẢN VIỆT NAM", "BAN THƯỜNG VỤ TỈNH ỦY", "*",
         "Số 21-CT/TU", "Lạng Sơn, ngày 10 tháng 5 năm 2023", "CHỈ THỊ",
         "về tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống tội phạm"],
        dict(agency="BAN THƯỜNG VỤ TỈNH ỦY", parent_agency="ĐẢNG BỘ TỈNH LẠNG SƠN", number="21-CT/TU",
             doc_type="Chỉ thị", place="Lạng Sơn", date="2023-05-10",
             subject="về tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống tội phạm"),
        [],
        id="party-chi-thi",
    ),
    pytest.param(
        # a scan whose number and day were filled in by hand: null and a warning, no guess
        ["CÔNG AN TỈNH LÂM ĐỒNG", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Số    /TTr-CAT-PC04", "Lâm Đồng, ngày    tháng 10 năm 2025", "TỜ TRÌNH",
         "Về việc chỉ đạo thực hiện công tác cai nghiện ma túy tại gia đình, cộng đồng",
         "Kính gửi: Ủy ban nhân dân tỉnh Lâm Đồng"],
        dict(agency="CÔNG AN TỈNH LÂM ĐỒNG", number=None, doc_type="Tờ trình", place="Lâm Đồng", date=None,
             recipients=("Ủy ban nhân dân tỉnh Lâm Đồng",)),
        [WARN_NUMBER_BLANK, WARN_DAY_BLANK],
        id="to-trinh-handwritten",
    ),
    pytest.param(
        # no type line: the symbol says what it is
        ["ỦY BAN NHÂN DÂN", "HUYỆN LỘC BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Số: 45/BC-UBND", "Lộc Bình, ngày 20 tháng 6 năm 2024",
         "Kính gửi:", "- Ủy ban nhân dân tỉnh Lạng Sơn;", "- Sở Nội vụ tỉnh Lạng Sơn;",
         "- Ủy ban nhân dân các huyện, thị xã,", "thành phố."],
        dict(agency="ỦY BAN NHÂN DÂN HUYỆN LỘC BÌNH", parent_agency=None, number="45/BC-UBND", doc_type="Báo cáo",
             recipients=("Ủy ban nhân dân tỉnh Lạng Sơn", "Sở Nội vụ tỉnh Lạng Sơn",
                         "Ủy ban nhân dân các huyện, thị xã, thành phố")),
        [],
        id="type-from-symbol-recipient-list",
    ),
    pytest.param(
        # OCR slips in the motto; "V/V" upper case; công văn
        ["CÔNG AN THÀNH PHỐ ĐÀ NẴNG", "PHÒNG AN NINH CHÍNH TRỊ NỘI BỘ", "CONG HOA XA HOl CHU NGHIA VIET NAM",
         "Độc lập - Tự do - Hanh phúc", "Số: 45 /CV-PA83", "Đà Nẵng, ngày 12 tháng 4 năm 2018",
         "V/V: phối hợp xác minh", "Kính gửi: Công an các quận, huyện"],
        dict(agency="PHÒNG AN NINH CHÍNH TRỊ NỘI BỘ", parent_agency="CÔNG AN THÀNH PHỐ ĐÀ NẴNG", number="45/CV-PA83",
             doc_type="Công văn", place="Đà Nẵng", date="2018-04-12", subject="phối hợp xác minh",
             recipients=("Công an các quận, huyện",)),
        [],
        id="ocr-motto-cong-van",
    ),
    pytest.param(
        # quyết định: the subject stops at the issuing authority line
        ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Số: 1234/QĐ-UBND", "Lạng Sơn, ngày 05 tháng 7 năm 2024", "QUYẾT ĐỊNH",
         "Về việc thành lập Tổ công tác liên ngành phòng, chống", "tội phạm trên địa bàn tỉnh",
         "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"],
        dict(agency="ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", number="1234/QĐ-UBND", doc_type="Quyết định",
             subject="Về việc thành lập Tổ công tác liên ngành phòng, chống tội phạm trên địa bàn tỉnh"),
        [],
        id="quyet-dinh",
    ),
    pytest.param(
        ["VĂN PHÒNG CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "_______________", "Độc lập - Tự do - Hạnh phúc",
         "Số: 2003 /CĐ-VPCP", "Hà Nội, ngày 07 tháng 10 năm 2025", "CÔNG ĐIỆN",
         "mời dự Hội nghị triển khai Chương trình mục tiêu quốc gia", "phòng, chống ma túy đến năm 2030",
         "__________________", "VĂN PHÒNG CHÍNH PHỦ điện:", "- Các Bộ: Công an, Quốc phòng, Ngoại giao, Tư pháp,",
         "Tài chính, Y tế;", "- Tòa án nhân dân tối cao;", "- Viện kiểm sát nhân dân tối cao."],
        dict(agency="VĂN PHÒNG CHÍNH PHỦ", number="2003/CĐ-VPCP", doc_type="Công điện", place="Hà Nội",
             date="2025-10-07", subject="mời dự Hội nghị triển khai Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030",
             recipients=("Các Bộ: Công an, Quốc phòng, Ngoại giao, Tư pháp, Tài chính, Y tế",
                         "Tòa án nhân dân tối cao", "Viện kiểm sát nhân dân tối cao")),
        [],
        id="cong-dien",
    ),
    pytest.param(
        ["SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Số: 87/GM-SVHTTDL", "Hà Giang, ngày 3 tháng 9 năm 2024", "GIẤY MỜI",
         "Dự Hội nghị sơ kết công tác 6 tháng đầu năm 2024"],
        dict(doc_type="Giấy mời", number="87/GM-SVHTTDL", place="Hà Giang", date="2024-09-03",
             subject="Dự Hội nghị sơ kết công tác 6 tháng đầu năm 2024"),
        [],
        id="giay-moi",
    ),
    pytest.param(
        # tm-155 (dev scan, Sở Y tế Kiên Giang): a thư mời, its own type line (155/TM-SYT)
        ["UBND TỈNH KIÊN GIANG", "SỞ Y TẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Số: 155 /TM-SYT", "Kiên Giang, ngày 10 tháng 11 năm 2017", "THƯ MỜI",
         "Hội nghị lấy ý kiến góp ý xây dựng Chương trình hành động của Tỉnh ủy"],
        dict(agency="SỞ Y TẾ", parent_agency="UBND TỈNH KIÊN GIANG", doc_type="Thư mời", number="155/TM-SYT",
             subject="Hội nghị lấy ý kiến góp ý xây dựng Chương trình hành động của Tỉnh ủy"),
        [],
        id="thu-moi",
    ),
    pytest.param(
        # ctph (dev scan, An Giang): a joint programme of two agencies, "CHƯƠNG TRÌNH PHỐI HỢP" (CTPH), not a Chương trình
        ["LIÊN ĐOÀN LAO ĐỘNG -", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "TỈNH AN GIANG", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
         "Độc lập - Tự do - Hạnh phúc", "Số: 154 /CTPH-LĐLĐ-SVH,TT,DL", "An Giang, ngày 28 tháng 4 năm 2017",
         "CHƯƠNG TRÌNH PHỐI HỢP", "Xây dựng đời sống văn hóa cơ sở trong CNVCLĐ"],
        dict(agency="LIÊN ĐOÀN LAO ĐỘNG - SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH AN GIANG", doc_type="Chương trình phối hợp",
             subject="Xây dựng đời sống văn hóa cơ sở trong CNVCLĐ"),
        [],
        id="chuong-trinh-phoi-hop",
    ),
]


# subjects over several lines, joined by grammar and layout, not by line count (real headers; text without layout)
HEADERS += [
    pytest.param(
        # QĐ 06/2024/QĐ-UBND Kon Tum: an all-caps subject, then the issuing authority, also in capitals
        ["ỦY BAN NHÂN DÂN", "TỈNH KON TUM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Số: 06/2024/QĐ-UBND", "Kon Tum, ngày 25 tháng 01 năm 2024", "QUYẾT ĐỊNH",
         "QUY ĐỊNH CHẾ ĐỘ BÁO CÁO ĐỊNH KỲ PHỤC VỤ MỤC TIÊU QUẢN LÝ", "TRÊN ĐỊA BÀN TỈNH KON TUM",
         "ỦY BAN NHÂN DÂN TỈNH KON TUM"],
        dict(number="06/2024/QĐ-UBND", doc_type="Quyết định",
             subject="QUY ĐỊNH CHẾ ĐỘ BÁO CÁO ĐỊNH KỲ PHỤC VỤ MỤC TIÊU QUẢN LÝ TRÊN ĐỊA BÀN TỈNH KON TUM"),
        [],
        id="quyet-dinh-caps-subject-then-authority",
    ),
    pytest.param(
        # QĐ 30/2018/QĐ-UBND Hải Phòng: three caps lines, "ỦY BAN NHÂN DÂN" inside the second one
        ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Số: 30/2018/QĐ-UBND", "Hải Phòng, ngày 09 tháng 10 năm 2018", "QUYẾT ĐỊNH",
         "BAN HÀNH QUY ĐỊNH VỀ TRÁCH NHIỆM VÀ ĐÁNH GIÁ TRÁCH NHIỆM CỦA",
         "NGƯỜI ĐỨNG ĐẦU CÁC SỞ, BAN, NGÀNH, ỦY BAN NHÂN DÂN QUẬN, HUYỆN",
         "TRONG THỰC HIỆN CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC", "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"],
        dict(number="30/2018/QĐ-UBND", doc_type="Quyết định",
             subject="BAN HÀNH QUY ĐỊNH VỀ TRÁCH NHIỆM VÀ ĐÁNH GIÁ TRÁCH NHIỆM CỦA NGƯỜI ĐỨNG ĐẦU CÁC SỞ, BAN, NGÀNH, "
                     "ỦY BAN NHÂN DÂN QUẬN, HUYỆN TRONG THỰC HIỆN CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC"),
        [],
        id="quyet-dinh-three-caps-lines",
    ),
    pytest.param(
        # TT 47/2011/TT-BTNMT: one caps line, then "BỘ TRƯỞNG BỘ …"
        ["BỘ TÀI NGUYÊN VÀ", "MÔI TRƯỜNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Số: 47/2011/TT-BTNMT", "Hà Nội, ngày 28 tháng 12 năm 2011", "THÔNG TƯ",
         "QUY ĐỊNH QUY CHUẨN KỸ THUẬT QUỐC GIA VỀ MÔI TRƯỜNG", "BỘ TRƯỞNG BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"],
        dict(number="47/2011/TT-BTNMT", doc_type="Thông tư", subject="QUY ĐỊNH QUY CHUẨN KỸ THUẬT QUỐC GIA VỀ MÔI TRƯỜNG"),
        [],
        id="thong-tu-subject-then-minister",
    ),
    pytest.param(
        # Công văn 04/CV-VASEP (2022): a V/v over three lines, the second starting with "QCVN"
        ["HIỆP HỘI CHẾ BIẾN VÀ XUẤT KHẨU", "THỦY SẢN VIỆT NAM", "Số: 04/CV-VASEP",
         "V/v sửa đổi các thông số tại dự thảo", "QCVN về nước thải công nghiệp", "đang chuẩn bị ban hành",
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Tp Hồ Chí Minh, ngày 21 tháng 01 năm 2022",
         "Kính gửi: Thủ tướng Chính phủ Phạm Minh Chính"],
        dict(number="04/CV-VASEP", doc_type="Công văn", date="2022-01-21",
             subject="sửa đổi các thông số tại dự thảo QCVN về nước thải công nghiệp đang chuẩn bị ban hành",
             recipients=("Thủ tướng Chính phủ Phạm Minh Chính",)),
        [],
        id="cong-van-vv-three-lines",
    ),
    pytest.param(
        # a one-line subject, then a short body line in sentence case: not joined
        ["SỞ TƯ PHÁP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 12/BC-STP",
         "Lâm Đồng, ngày 05 tháng 01 năm 2026", "BÁO CÁO", "Kết quả công tác tư pháp năm 2025",
         "Sở Tư pháp báo cáo như sau:"],
        dict(number="12/BC-STP", doc_type="Báo cáo", subject="Kết quả công tác tư pháp năm 2025"),
        [],
        id="bao-cao-subject-not-joined-with-body",
    ),
    pytest.param(
        # Công báo edition of TT 11/2020/TT-BLĐTBXH: the gazette's section heading and the issuer's name as a
        # heading above the document's own two-line agency block (corpus/eval/dev, three such thông tư)
        ["VĂN BẢN QUY PHẠM PHÁP LUẬT", "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "BỘ LAO ĐỘNG - THƯƠNG BINH",
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "VÀ XÃ HỘI", "Độc lập - Tự do - Hạnh phúc",
         "Hà Nội, ngày 12 tháng 11 năm 2020", "Số: 11/2020/TT-BLĐTBXH", "THÔNG TƯ",
         "Ban hành Danh mục nghề, công việc nặng nhọc, độc hại, nguy hiểm và nghề,",
         "công việc đặc biệt nặng nhọc, độc hại, nguy hiểm"],
        dict(agency="BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", parent_agency=None, number="11/2020/TT-BLĐTBXH",
             doc_type="Thông tư", place="Hà Nội", date="2020-11-12"),
        [],
        id="cong-bao-section-and-issuer-headings",
    ),
    pytest.param(
        # TT 08/2023/TT-BLĐTBXH (Công báo): the issuer heading alone
        ["BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "BỘ LAO ĐỘNG - THƯƠNG BINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
         "VÀ XÃ HỘI", "Số: 08/2023/TT-BLĐTBXH", "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 29 tháng 8 năm 2023",
         "THÔNG TƯ", "Sửa đổi, bổ sung, bãi bỏ một số điều của các Thông tư, Thông tư liên tịch"],
        dict(agency="BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", parent_agency=None, number="08/2023/TT-BLĐTBXH"),
        [],
        id="cong-bao-issuer-heading",
    ),
    pytest.param(
        # a real parent agency differs from the agency: kept (Tờ trình 169/TTr-PKTHT, An Phú)
        ["UBND HUYỆN AN PHÚ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHÒNG KINH TẾ - HẠ TẦNG",
         "Độc lập – Tự do – Hạnh phúc", "Số: 169/TTr-PKTHT", "An Phú, ngày 14 tháng 6 năm 2022", "TỜ TRÌNH",
         "Về việc ban hành Quy định chức năng, nhiệm vụ, quyền hạn và", "cơ cấu tổ chức của Phòng Kinh tế - Hạ tầng",
         "Kính gửi: Ủy ban nhân dân huyện An Phú"],
        dict(agency="PHÒNG KINH TẾ - HẠ TẦNG", parent_agency="UBND HUYỆN AN PHÚ", number="169/TTr-PKTHT",
             doc_type="Tờ trình", place="An Phú", date="2022-06-14", recipients=("Ủy ban nhân dân huyện An Phú",)),
        [],
        id="to-trinh-agency-under-parent",
    ),
]


@pytest.mark.parametrize("lines, want, warnings", HEADERS)
def test_header(lines, want, warnings):
    report = seg(lines + BODY)
    got = {k: getattr(report.header, k) for k in want}
    assert got == want
    for w in warnings:
        assert w in report.warnings
    assert report.opening is not None and "Thực hiện Công văn số 715" in report.opening.text


# ---------------------------------------------------------------- number repair, strays, stamps (scans)


@pytest.mark.parametrize("line,number", [
    ("Số:52o/BCA-V01", "520/BCA-V01"),   # o for 0: the characters repaired, nothing added
    ("Số: l5/BC-UBND", "15/BC-UBND"),
    ("Số: 1O/QĐ-TTg", "10/QĐ-TTg"),
    ("Số: 21-CT/TW", "21-CT/TW"),
])
def test_number_digit_slips_are_repaired(line, number):
    from pipeline.segment.header import parse_number

    assert parse_number(line) == (number, None)


@pytest.mark.parametrize("line", ["Số: IO/QĐ", "Số: …/BCA-V01", "Só: … /QĐ-TTg"])
def test_number_without_a_printed_digit_is_null(line):
    from pipeline.segment.header import WARN_NUMBER_BLANK, parse_number

    assert parse_number(line) == (None, WARN_NUMBER_BLANK)


def _ocr_rows(lines):
    """Rows as OCR gives them: (text, x0, top, confidence) on an A4 page."""
    from pipeline.model import Document, Line, Page
    from pipeline.segment.lines import build_rows

    page = Page(1, tuple(Line(t, 1, (x0, top, x0 + 150, top + 12), 13.0, confidence=c) for t, x0, top, c in lines),
                "ocr", 595.0, 842.0)
    rows, _ = build_rows(Document("x.pdf", "0", "pdf", (page,), "ocr"))
    return rows


def test_header_starts_past_an_ocr_stray_and_a_received_stamp_is_no_agency():
    """qd-222-ttg (a signed scan): a seal's edge read as "{ffItw" above the header, and the received
    stamp ("CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ / ĐẾN") under the number, in the left column."""
    from pipeline.segment.header import parse_header

    rows = _ocr_rows([
        ("{ffItw", 528, 43, 41.0), ("THỦ TƯỚNG CHÍNH PHỦ", 104, 77, 91.2), ("Số: 222/QĐ-TTg", 137, 123, 94.5),
        ("CỔNG THÔNG mang ĐIỆN TỦ CHÍNH PHÙ", 47, 173, 84.0), ("ĐẾN”", 45, 194, 25.0),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 330, 77, 94.5), ("Độc lập - Tự do - Hạnh phúc", 340, 94, 90.8),
        ("Hà Nội, ngày 23 tháng 01 năm 2025", 330, 122, 93.6), ("QUYẾT ĐỊNH", 279, 162, 93.0),
        ("Ban hành Kế hoạch hành động quốc gia", 207, 177, 96.0),
        ("thực hiện kinh tế tuần hoàn đến năm 2035", 201, 192, 96.1), ("THỦ TƯỚNG CHÍNH PHỦ", 240, 238, 94.0),
        ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;", 139, 259, 92.3),
    ])
    h = parse_header(rows, 70).header
    assert (h.agency, h.number, h.doc_type, h.place, h.date) == (
        "THỦ TƯỚNG CHÍNH PHỦ", "222/QĐ-TTg", "Quyết định", "Hà Nội", "2025-01-23")
    assert h.subject == "Ban hành Kế hoạch hành động quốc gia thực hiện kinh tế tuần hoàn đến năm 2035"


@pytest.mark.parametrize("text,place", [
    ("Hà Nội, ngàyj+ tháng b' năm 2025", "Hà Nội"),       # the handwritten day glued to "ngày"
    ("Quảng Ngãi, ngày0ÿ tháng 02 năm 2025", "Quảng Ngãi"),
])
def test_place_is_read_when_the_day_is_handwritten(text, place):
    from pipeline.segment.header import WARN_DAY_BLANK, is_place_date, parse_place_date

    assert is_place_date(text)
    assert parse_place_date(text) == (place, None, WARN_DAY_BLANK)


def _row(text, i, column=None, x0=None, x1=None, top=None, width=613.0):
    from pipeline.segment.lines import Row
    return Row(text, 1, i, column=column, x0=x0, x1=x1, top=top, page_width=width)


def test_vv_over_two_lines_by_layout_then_a_mark_by_hand_and_the_other_column():
    """cv-45 (a scan, read column by column): the V/v runs over two left-aligned lines; the mark written by hand
    under it is neither subject nor body, and the motto, place and date of the right column still follow."""
    from pipeline.segment.header import parse_header

    rows = [_row("CÔNG AN TP ĐÀ NẴNG", 0, "left", 57, 207, 40), _row("PHÒNG AN NINH CHÍNH TRỊ NỘI BỘ", 1, "left", 28, 235, 56),
            _row("Số: 445 /CV-PA83", 2, "left", 80, 181, 77),
            _row("V/v thông báo hoạt động của tà đạo", 3, "left", 32, 229, 102),
            _row("Hội thánh Đức Chúa trời", 4, "left", 60, 200, 119),
            _row("`© Lấ Sàe `", 5, "left", 30, 94, 148),
            _row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 6, "right", 255, 545, 40),
            _row("Độc lập - Tự do - Hạnh phúc", 7, "right", 315, 485, 60),
            _row("Đà Nẵng, ngày 26 tháng 4 năm 2018", 8, "right", 343, 554, 80),
            _row("Kính gửi: - Sở Giáo dục và Đào tạo thành phố Đà Nẵng;", 9, None, 137, 452, 164),
            _row("Thời gian qua, tại nhiều tỉnh thành trên cả nước, nổi lên hoạt động của một số tổ chức", 10, None, 66, 530, 254)]
    h = parse_header(rows, 80).header
    assert (h.subject, h.place, h.date) == ("thông báo hoạt động của tà đạo Hội thánh Đức Chúa trời", "Đà Nẵng", "2018-04-26")
    assert h.recipients == ("Sở Giáo dục và Đào tạo thành phố Đà Nẵng",)


def test_centred_subject_by_layout_not_font():
    """bc-ubnd-quang-ngai (a scan): the second subject line starts in lower case and keeps the centre of the
    first; OCR gives the two lines different font sizes, which does not end the subject."""
    from pipeline.segment.header import parse_header

    rows = [_row("ỦY BAN NHÂN DÂN", 0, "left", 98, 219, 49, 593), _row("TỈNH QUẢNG NGÃI", 1, "left", 98, 219, 65, 593),
            _row("BÁO CÁO", 2, None, 278, 342, 115, 593),
            _row("Tình hình, kết quả thực hiện công tác", 3, None, 199, 421, 132, 593),
            _row("cải cách thủ tục hành chính tháng 01/2025 của tỉnh Quảng Ngãi", 4, None, 122, 499, 151, 593),
            _row("Kính gửi:", 5, "left", 179, 231, 189, 593),
            _row("- Văn phòng Chính phủ;", 6, None, 235, 370, 205, 593),
            _row("Thực hiện nội dung Công văn số 5633/VPCP-KSTT ngày 25/7/2023 của Văn phòng Chính phủ", 7, None, 80, 540, 259, 593)]
    rows[3].font_size, rows[4].font_size = 16.0, 12.5
    h = parse_header(rows, 80).header
    assert h.subject == "Tình hình, kết quả thực hiện công tác cải cách thủ tục hành chính tháng 01/2025 của tỉnh Quảng Ngãi"
    assert h.recipients == ("Văn phòng Chính phủ",)


@pytest.mark.parametrize("rows, subject", [
    # QĐ 2858/QĐ-UBND Hà Nội 2025: a name broken over a wrapped line ("Bắc Cổ" / "Nhuế - Chèm"), then a field
    ([("QUYẾT ĐỊNH", 267, 357, 139),
      ("Về việc phê duyệt đồ án Điều chỉnh cục bộ Quy hoạch chi tiết khu vực Bắc Cổ", 88, 535, 164),
      ("Nhuế - Chèm, tỷ lệ 1/500 tại các ô đất quy hoạch ký hiệu K4/CQ2 và K7/CQ3", 90, 533, 179),
      ("Địa điểm: các phường Cổ Nhuế 2 và Xuân Đỉnh,", 190, 454, 200),
      ("quận Bắc Từ Liêm, thành phố Hà Nội.", 208, 416, 216),
      ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", 186, 438, 255)],
     "Về việc phê duyệt đồ án Điều chỉnh cục bộ Quy hoạch chi tiết khu vực Bắc Cổ Nhuế - Chèm, tỷ lệ 1/500 tại các ô "
     "đất quy hoạch ký hiệu K4/CQ2 và K7/CQ3"),
    # NQ 33/2022/NQ-HĐND Cao Bằng: caps lines as wide as the body, then the council ("HỘI ĐỒNG NHÂN DÂN TỈNH …")
    ([("NGHỊ QUYẾT", 259, 337, 203),
      ("QUY ĐỊNH MỨC THU, CHẾ ĐỘ THU, NỘP, QUẢN LÝ VÀ SỬ DỤNG LỆ PHÍ CẤP", 85, 511, 231),
      ("GIẤY PHÉP LAO ĐỘNG CHO NGƯỜI NƯỚC NGOÀI LÀM VIỆC TRÊN ĐỊA BÀN", 86, 509, 252),
      ("TỈNH CAO BẰNG", 251, 345, 273), ("HỘI ĐỒNG NHÂN DÂN TỈNH CAO BẰNG", 182, 413, 301),
      ("KHÓA XVII KỲ HỌP THỨ 8", 221, 375, 322)],
     "QUY ĐỊNH MỨC THU, CHẾ ĐỘ THU, NỘP, QUẢN LÝ VÀ SỬ DỤNG LỆ PHÍ CẤP GIẤY PHÉP LAO ĐỘNG CHO NGƯỜI NƯỚC NGOÀI LÀM "
     "VIỆC TRÊN ĐỊA BÀN TỈNH CAO BẰNG"),
    # QĐ 2093/QĐ-BYT 2025: four lines, the widest as wide as the body, one starting "Thông tư số …" after "và"
    ([("QUYẾT ĐỊNH", 273, 363, 145),
      ("Về việc công bố thủ tục hành chính mới ban hành và bị bãi bỏ lĩnh vực phòng bệnh", 88, 552, 167),
      ("quy định tại Nghị định số 148/2025/NĐ-CP ngày 12/6/2025 của Chính phủ và", 90, 547, 183),
      ("Thông tư số 19/2025/TT-BYT ngày 15/6/2025 của Bộ trưởng Bộ Y tế", 115, 522, 199),
      ("thuộc phạm vi chức năng quản lý của Bộ Y tế", 183, 454, 215), ("BỘ TRƯỞNG BỘ Y TẾ", 245, 391, 244)],
     "Về việc công bố thủ tục hành chính mới ban hành và bị bãi bỏ lĩnh vực phòng bệnh quy định tại Nghị định số "
     "148/2025/NĐ-CP ngày 12/6/2025 của Chính phủ và Thông tư số 19/2025/TT-BYT ngày 15/6/2025 của Bộ trưởng Bộ Y tế "
     "thuộc phạm vi chức năng quản lý của Bộ Y tế"),
], ids=["wrapped-proper-name", "caps-full-width", "four-lines"])
def test_subject_by_layout(rows, subject):
    from pipeline.segment.header import parse_header

    body = [("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung", 72, 551, 400),
            ("một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22", 85, 551, 416),
            ("tháng 11 năm 2019; Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm", 85, 551, 432)]
    built = [_row(t, i, None, x0, x1, top, 595) for i, (t, x0, x1, top) in enumerate(rows + body)]
    assert parse_header(built, 90).header.subject == subject


def _layout_rows(lines):
    """Rows of a born-digital page: (text, (x0, top, x1, bottom)) as the PDF reader gives them (A4 points)."""
    from pipeline.model import Document, Line, Page
    from pipeline.segment.lines import build_rows

    page = Page(1, tuple(Line(t, 1, box, 13.0) for t, box in lines), "pdf", 595.0, 842.0)
    rows, _ = build_rows(Document("x.pdf", "0", "pdf", (page,), "pdf"))
    return rows


# the number and the day typed into the blanks by e-office software, given by the text layer as pieces of their
# own (the line boxes of the real files in corpus/eval/dev)
TYPED_PIECES = [
    pytest.param(  # gp-141-btnmt: "141" above "Số:", the printed symbol to its right; the day and month likewise
        [("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", (46, 59, 265, 72)), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (287, 59, 558, 72)),
         ("Độc lập - Tự do - Hạnh phúc", (334, 74, 506, 87)), ("141", (118, 84, 139, 98)), ("Số:", (96, 89, 114, 102)),
         ("/GP-BTNMT", (159, 89, 229, 102)), ("Hà Nội, ngày 17 tháng 8 năm 2021", (320, 105, 523, 118)),
         ("GIẤY PHÉP KHAI THÁC, SỬ DỤNG NƯỚC MẶT", (121, 132, 503, 149)),
         ("BỘ TRƯỞNG BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", (149, 160, 474, 174)),
         ("Căn cứ Luật Tài nguyên nước ngày 21 tháng 6 năm 2012;", (121, 180, 447, 193))],
        dict(number="141/GP-BTNMT", doc_type="Giấy phép", place="Hà Nội", date="2021-08-17",
             subject="KHAI THÁC, SỬ DỤNG NƯỚC MẶT"),
        id="giay-phep-number-in-pieces",
    ),
    pytest.param(  # a GP of the same office: the day and the month typed above "Hà Nội, ngày … tháng … năm 2022"
        [("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", (46, 59, 265, 72)), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (287, 59, 558, 72)),
         ("Độc lập - Tự do - Hạnh phúc", (340, 74, 499, 87)), ("314", (123, 83, 144, 97)), ("Số:", (101, 89, 118, 102)),
         ("/GP-BTNMT", (154, 89, 224, 102)), ("24", (401, 98, 418, 112)), ("11", (459, 100, 476, 114)),
         ("Hà Nội, ngày", (325, 105, 398, 118)), ("tháng", (424, 105, 453, 118)), ("năm 2022", (476, 105, 528, 118)),
         ("GIẤY PHÉP KHAI THÁC, SỬ DỤNG NƯỚC MẶT", (126, 153, 497, 169)),
         ("Căn cứ Luật Tài nguyên nước ngày 21 tháng 6 năm 2012;", (121, 180, 447, 193))],
        dict(number="314/GP-BTNMT", place="Hà Nội", date="2022-11-24"),
        id="giay-phep-day-and-month-in-pieces",
    ),
    pytest.param(  # pieces of the date line on the number's line: they join their own line, not the other column
        [("ỦY BAN NHÂN DÂN", (98, 58, 219, 71)), ("HUYỆN AN PHÚ", (110, 73, 210, 86)),
         ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (283, 59, 552, 72)), ("Độc lập - Tự do - Hạnh phúc", (330, 74, 506, 88)),
         ("Số: 12/TB-UBND", (86, 117, 200, 130)), ("An Phú, ngày", (270, 118, 340, 131)), ("05", (343, 115, 355, 128)),
         ("tháng", (358, 118, 388, 131)), ("3", (391, 115, 397, 128)), ("năm 2023", (400, 118, 450, 131)),
         ("THÔNG BÁO", (260, 150, 336, 164)), ("Về việc thu hồi đất", (220, 166, 380, 179)),
         ("Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013;", (90, 200, 400, 213))],
        dict(number="12/TB-UBND", place="An Phú", date="2023-03-05", doc_type="Thông báo"),
        id="date-pieces-beside-the-number-line",
    ),
    pytest.param(  # cv-4728-sgddt-tp-hcm: "Số: 4728" and the printed "/SGDĐT-HSSV" apart; a V/v over two lines
        [("ỦY BAN NHÂN DÂN", (98, 58, 219, 71)), ("THÀNH PHỐ HỒ CHÍ MINH", (79, 73, 239, 86)),
         ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", (73, 89, 245, 102)), ("Số: 4728", (90, 117.5, 135, 130.5)),
         ("/SGDĐT-HSSV", (151, 118, 228, 130)), ("V/v hướng dẫn công tác tuyên truyền", (69, 132, 248, 145)),
         ("phòng, chống ma túy trong tình hình mới", (60, 147, 258, 159)),
         ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (283, 59, 552, 72)), ("Độc lập – Tự do – Hạnh phúc", (330, 74, 506, 88)),
         ("Thành phố Hồ Chí Minh, ngày 18tháng11 năm 2025", (270, 118.5, 553, 132)),
         ("Căn cứ Hướng dẫn số 04/HD/BTGDVTU ngày 06 tháng 11 năm 2025 của", (90, 300, 540, 313))],
        dict(agency="SỞ GIÁO DỤC VÀ ĐÀO TẠO", parent_agency="ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
             number="4728/SGDĐT-HSSV", doc_type="Công văn", place="Thành phố Hồ Chí Minh", date="2025-11-18",
             subject="hướng dẫn công tác tuyên truyền phòng, chống ma túy trong tình hình mới"),
        id="cong-van-number-apart-from-its-symbol",
    ),
    pytest.param(  # cv-79-tttt-ctgd: a V/v centred under the number, its second line wider and further left
        [("SỞ GIÁO DỤC VÀ ĐÀO TẠO", (88, 65, 254, 78)), ("THÀNH PHỐ HỒ CHÍ MINH", (91, 80, 251, 93)),
         ("TRUNG TÂM THÔNG TIN", (92, 95, 250, 108)), ("VÀ CHƯƠNG TRÌNH GIÁO DỤC", (73, 110, 269, 123)),
         ("Số: 79 /TTTT-CTGD", (115, 131, 227, 144)), ("V/v lịch bồi dưỡng", (125, 146, 217, 158)),
         ("các lớp STEM tháng 12/2025", (100, 159, 242, 171)),
         ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (278, 65, 549, 78)), ("Độc lập - Tự do - Hạnh phúc", (335, 80, 494, 93)),
         ("Thành phố Hồ Chí Minh, ngày19tháng11 năm 2025", (285, 131, 558, 144)),
         ("Kính gửi: Thủ trưởng các cơ sở giáo dục.", (180, 191, 411, 205)),
         ("Căn cứ Công văn số 1910/SGDĐT-GDTH ngày 24 tháng 4 năm 2023 về hướng", (90, 220, 540, 233))],
        dict(agency="TRUNG TÂM THÔNG TIN VÀ CHƯƠNG TRÌNH GIÁO DỤC",
             parent_agency="SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HỒ CHÍ MINH", number="79/TTTT-CTGD",
             subject="lịch bồi dưỡng các lớp STEM tháng 12/2025", date="2025-11-19",
             recipients=("Thủ trưởng các cơ sở giáo dục",)),
        id="cong-van-vv-centred-under-the-number",
    ),
]


@pytest.mark.parametrize("lines, want", TYPED_PIECES)
def test_header_with_layout(lines, want):
    from pipeline.segment.header import parse_header

    h = parse_header(_layout_rows(lines), 70).header
    assert {k: getattr(h, k) for k in want} == want


# Drafts and e-office files whose number and day are left blank for the office to fill in or stamp later: the text
# layer gives the label and the printed symbol, the place and the month with the blank between, as rows of their own
# (the line boxes of the real files in corpus/eval/dev). The blank is no number and no day; the type line, the place
# and the subject under them are read all the same. A State number "Số:      /QĐ-HĐND" (Decree 30) and a Party one
# "Số      -QĐ/TU" (Hướng dẫn 36-HD/VPTW: no colon, a hyphen before the type code).
BLANK_NUMBER_AND_DAY = [
    pytest.param(  # qd-tu-thanh-hoa: a Tỉnh ủy's draft quy định
        [("TỈNH ỦY THANH HÓA", (106, 55, 247, 68)), ("*", (106, 78, 112, 91)), ("Số", (106, 101, 120, 114)),
         ("-QĐ/TU", (140, 101, 184, 114)), ("ĐẢNG CỘNG SẢN VIỆT NAM", (351, 55, 532, 68)),
         ("Thanh Hóa, ngày", (325, 101, 417, 114)), ("tháng 6 năm 2026", (437, 101, 532, 114)),
         ("QUY ĐỊNH", (286, 146, 353, 159)),
         ("về đánh giá, xếp loại hằng tháng đối với cán bộ, công chức, viên chức,", (124, 173, 514, 186)),
         ("- Căn cứ Điều lệ Đảng;", (138, 273, 260, 286))],
        dict(agency="TỈNH ỦY THANH HÓA", number=None, doc_type="Quy định", place="Thanh Hóa", date=None,
             subject="về đánh giá, xếp loại hằng tháng đối với cán bộ, công chức, viên chức,"),
        id="party-draft-blank-number-and-day",
    ),
    pytest.param(  # hd-21-btctu-ha-noi: number and day stamped by the e-office, not in the text layer; a wider blank
        [("THÀNH UỶ HÀ NỘI", (119, 59, 244, 73)), ("BAN TỔ CHỨC", (132, 75, 231, 89)), ("*", (178, 91, 185, 105)),
         ("Số", (119, 107, 134, 121)), ("-HD/BTCTU", (169, 107, 244, 121)), ("ĐẢNG CỘNG SẢN VIỆT NAM", (334, 59, 540, 74)),
         ("Hà Nội, ngày", (343, 92, 418, 106)), ("tháng 8 năm 2025", (439, 92, 540, 106)),
         ("HƯỚNG DẪN", (275, 137, 363, 151)),
         ("Thực hiện quy trình, thủ tục, tổ chức trao tặng Huy hiệu Đảng", (132, 154, 505, 168)),
         ("Căn cứ Điều lệ Đảng Cộng sản Việt Nam; các quy định, hướng dẫn của", (117, 201, 553, 215))],
        dict(agency="BAN TỔ CHỨC", parent_agency="THÀNH UỶ HÀ NỘI", number=None, doc_type="Hướng dẫn", place="Hà Nội",
             date=None, subject="Thực hiện quy trình, thủ tục, tổ chức trao tặng Huy hiệu Đảng"),
        id="party-e-office-number-stamped-later",
    ),
    pytest.param(  # qd-tt-hdnd-thanh-hoa: a State draft, "Số:" and "/QĐ-HĐND" apart
        [("HỘI ĐỒNG NHÂN DÂN", (135, 85, 266, 98)), ("TỈNH THANH HÓA", (146, 102, 255, 114)), ("Số:", (150, 133, 166, 146)),
         ("/QĐ-HĐND", (190, 133, 251, 146)), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (299, 85, 552, 98)),
         ("Độc lập - Tự do - Hạnh phúc", (346, 102, 506, 115)), ("Thanh Hóa, ngày", (323, 136, 414, 149)),
         ("tháng 6 năm 2026", (434, 136, 528, 149)), ("QUYẾT ĐỊNH", (277, 175, 361, 188)),
         ("Ban hành Danh mục công việc và Bộ tiêu chí đánh giá hiệu quả hoạt động", (113, 196, 525, 209)),
         ("(OKR/KPI) đối với cơ quan Văn phòng Đoàn đại biểu Quốc hội và", (133, 215, 504, 229)),
         ("Hội đồng nhân dân tỉnh Thanh Hóa", (219, 235, 419, 248)),
         ("THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN TỈNH THANH HÓA", (136, 282, 502, 295)),
         ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;", (133, 326, 476, 339))],
        dict(agency="HỘI ĐỒNG NHÂN DÂN TỈNH THANH HÓA", number=None, doc_type="Quyết định", place="Thanh Hóa", date=None,
             subject="Ban hành Danh mục công việc và Bộ tiêu chí đánh giá hiệu quả hoạt động (OKR/KPI) đối với cơ quan "
                     "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Thanh Hóa"),
        id="state-draft-blank-number-and-day",
    ),
]


@pytest.mark.parametrize("lines, want", BLANK_NUMBER_AND_DAY)
def test_a_blank_number_and_day_lose_nothing_else(lines, want):
    from pipeline.segment.header import WARN_DAY_BLANK, WARN_NUMBER_BLANK, parse_header

    result = parse_header(_layout_rows(lines), 70)
    assert {k: getattr(result.header, k) for k in want} == want
    assert WARN_NUMBER_BLANK in result.warnings and WARN_DAY_BLANK in result.warnings


def test_a_number_carried_to_the_last_line_of_the_vv_stays_in_the_subject():
    """cv-295-vp-doan-dbqh-hdnd-thanh-hoa: "… theo Nghị định số" / "335/2025/NĐ-CP.": a line without a lower-case
    letter, after a word that cannot end the phrase, goes on with it."""
    from pipeline.segment.header import parse_header

    lines = [("VĂN PHÒNG ĐOÀN ĐBQH", (93, 59, 255, 72)), ("VÀ HĐND TỈNH THANH HÓA", (83, 74, 264, 87)),
             ("Số:", (111, 106, 128, 119)), ("/VP-CTHĐND", (157, 106, 236, 119)), ("295", (130, 109, 151, 123)),
             ("V/v gửi Danh mục sản phẩm/công", (83, 121, 262, 133)), ("việc quy đổi theo Nghị định số", (85, 135, 262, 147)),
             ("335/2025/NĐ-CP.", (85, 149, 173, 161)), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (283, 61, 554, 74)),
             ("Độc lập - Tự do - Hạnh phúc", (333, 76, 504, 90)), ("Thanh Hóa, ngày22 tháng 5 năm 2026", (306, 109, 530, 126)),
             ("Kính gửi: Sở Nội vụ", (255, 187, 369, 201)),
             ("Trên cơ sở kết quả thẩm định của Sở Nội vụ đối với danh mục sản", (121, 216, 539, 230))]
    h = parse_header(_layout_rows(lines), 70).header
    assert h.number == "295/VP-CTHĐND"
    assert h.subject.rstrip(".") == "gửi Danh mục sản phẩm/công việc quy đổi theo Nghị định số 335/2025/NĐ-CP"
    assert h.recipients == ("Sở Nội vụ",)


def test_a_dotted_blank_after_kinh_gui_is_no_addressee():
    """gm-06-hdnd-huyen-tuan-giao: a giấy mời printed as a form, "Kính gửi: ……………" left to be filled in by hand;
    the line under it is the body."""
    from pipeline.segment.header import parse_header

    lines = [("HỘI ĐỒNG NHÂN DÂN", (103, 59, 243, 72)), ("HUYỆN TUẦN GIÁO", (110, 74, 235, 87)),
             ("Số: 06 /GM-HĐND", (116, 102, 229, 117)), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (270, 59, 541, 72)),
             ("Độc lập – Tự do – Hạnh phúc", (318, 74, 494, 88)), ("Tuần Giáo, ngày12 tháng 11 năm 2020", (296, 100, 516, 114)),
             ("GIẤY MỜI", (277, 130, 347, 144)), ("Kính gửi: …………………………………………", (157, 158, 442, 172)),
             ("Đểchuẩnbịcácnộidung,xâydựngchươngtrìnhkỳhọpthứ13, HĐNDhuyện", (121, 192, 539, 206)),
             ("khóa XX, HĐND huyện tổ chức cuộc họp Thường trực HĐND huyện mở rộng, cụ", (85, 208, 539, 222))]
    result = parse_header(_layout_rows(lines), 70)
    assert result.header.recipients == ()
    assert result.header.doc_type == "Giấy mời" and result.header.subject is None
    assert result.rest[0].text.startswith("Đểchuẩnbị")


@pytest.mark.parametrize("title, second, subject", [
    # tb-02-ubnd-xa-quang-phu (dev; its text layer reads "PHÚ" as "PHÖ"): a deputy named after the head
    ("LỊCH TIẾP CÔNG DÂN CỦA CHỦ TỊCH", "PHÓ CHỦ TỊCH UBND XÃ QUẢNG PHÚ NĂM 2019",
     "LỊCH TIẾP CÔNG DÂN CỦA CHỦ TỊCH PHÓ CHỦ TỊCH UBND XÃ QUẢNG PHÚ NĂM 2019"),
    # the authority under a Quyết định's subject ends it (qd-911-ttg, gp-141-btnmt of dev: "THỦ TƯỚNG CHÍNH PHỦ",
    # "BỘ TRƯỞNG BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"; a chairman likewise)
    ("VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH SỬ DỤNG ĐẤT NĂM 2019", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG",
     "VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH SỬ DỤNG ĐẤT NĂM 2019"),
])
def test_a_deputy_under_the_subject_is_no_authority_line(title, second, subject):
    from pipeline.segment.header import parse_header

    lines = [("UỶ BAN NHÂN DÂN", (94, 59, 226, 73)), ("XÃ QUẢNG PHÚ", (106, 77, 215, 91)),
             ("Số: 02 /TB-UBND", (102, 114, 218, 128)), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (249, 59, 541, 73)),
             ("Độc lập – Tự do – Hạnh phúc", (315, 77, 492, 91)),
             ("Quảng Phú, ngày 10 tháng 01 năm 2019", (284, 114, 523, 128)), ("THÔNG BÁO", (277, 151, 363, 165)),
             (title, (191, 170, 450, 184)), (second, (156, 188, 484, 202)),
             ("Căn cứ Luật tiếp Công dân số 42/2013/QH13 ngày 25/11/2013, Nghị định số", (121, 225, 555, 239))]
    assert parse_header(_layout_rows(lines), 70).header.subject == subject


_RIGHT_COLUMN = [("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", (330, 79, 568, 91), True),
                 ("Độc lập - Tự do - Hạnh phúc", (368, 93, 517, 106), True),
                 ("Đà Nẵng, ngày 16 tháng 05 năm 2023", (355, 136, 542, 148), False),
                 ("KẾ HOẠCH TRIỂN KHAI THỰC TẬP DOANH NGHIỆP", (141, 194, 497, 208), True),
                 ("I. Mục tiêu", (84, 252, 145, 265), True)]


# Decree 30 prints the parent agency upright and the issuer upright and bold; where the lines go from plain to bold
# once, the bold ones are the issuer, whatever word starts them (kh-46-kkhmt-vku of dev: "KHOA", no agency head);
# a bold line that can only go on with the name above (its place, "VÀ …") splits nothing
@pytest.mark.parametrize("agency_lines, parent, agency", [
    ([("TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN", (75, 79, 303, 91), False),
      ("VÀ TRUYỀN THÔNG VIỆT- HÀN", (107, 93, 272, 105), False), ("KHOA KHOA HỌC MÁY TÍNH", (106, 107, 272, 119), True)],
     "TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN VÀ TRUYỀN THÔNG VIỆT- HÀN", "KHOA KHOA HỌC MÁY TÍNH"),
    ([("TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN", (75, 79, 303, 91), False),
      ("VÀ TRUYỀN THÔNG VIỆT- HÀN", (107, 93, 272, 105), True)],
     None, "TRƯỜNG ĐẠI HỌC CÔNG NGHỆ THÔNG TIN VÀ TRUYỀN THÔNG VIỆT- HÀN"),
    ([("ỦY BAN NHÂN DÂN", (90, 79, 250, 91), False), ("THÀNH PHỐ ĐÀ NẴNG", (95, 93, 245, 105), True)],
     None, "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG"),
    ([("UBND TỈNH ĐỒNG THÁP", (90, 79, 250, 91), False), ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", (85, 93, 255, 105), True)],
     "UBND TỈNH ĐỒNG THÁP", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"),  # kh-362-sgddt (dev): the head and the weight agree
])
def test_the_bold_agency_lines_are_the_issuer(agency_lines, parent, agency):
    from pipeline.model import Document, Line, Page
    from pipeline.segment.header import parse_header
    from pipeline.segment.lines import build_rows

    lines = agency_lines + [("Số: 46/KH-KHMT", (147, 136, 237, 148), False)] + _RIGHT_COLUMN
    page = Page(1, tuple(Line(t, 1, box, 13.0, bold) for t, box, bold in lines), "pdf", 595.0, 842.0)
    rows, _ = build_rows(Document("x.pdf", "0", "pdf", (page,), "pdf"))
    h = parse_header(rows, 70).header
    assert (h.parent_agency, h.agency) == (parent, agency)


# A line may end inside a number's symbol, after the hyphen between two codes; the next line goes on with the next
# code and no space (real line pairs of corpus/eval/dev); a spaced dash between names, a year range, is no such cut.
@pytest.mark.parametrize("line, next_line, cut", [
    ("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỂM CỦA THÔNG TƯ LIÊN TỊCH SỐ 17/2007/TTLT-BCA-",  # ttlt-08-2015, the subject
     "VKSNDTC-TANDTC-BTP NGÀY 24/12/2007 CỦA BỘ CÔNG AN, VIỆN KIỂM SÁT NHÂN DÂN", True),
    ("Số: 08/2015/TTLT-BCA-", "VKSNDTC-TANDTC-BTP", True),  # ttlt-08-2015, the number line
    ("hoạt động trong lĩnh vực giáo dục, Nghị định số 135/2018/NĐ-", "CP ngày 04/10/2018 của Chính phủ sửa đổi", True),  # qd-01-2021
    ("và thay thế Quyết định số 1840/QĐ-", "TTg ngày 29 tháng 10 năm 2015 của Thủ tướng Chính", True),  # qd-911-ttg
    ("ban hành kèm theo Thông tư số 21/2021/TT-", "BLĐTBXH ngày 15 tháng 12 năm 2021 của Bộ trưởng Bộ", True),  # tt-08-2023
    ("Bãi bỏ một phần Thông tư liên tịch số 12/2016/TTLT-BLĐTBXH-BGDĐT-", "BTC ngày 16 tháng 6 năm 2016", True),
    ("yêu cầu tại Công văn số 1849/BGDĐT-", "GDPT.", True),  # kh-362-sgddt
    ("BỘ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI", False),  # tt-09-2020: a two-line agency, no symbol
    ("BỘ CÔNG AN – VIỆN KIỂM", "SÁT NHÂN DÂN TỐI CAO –", False),  # ttlt-08-2015: names joined by a spaced dash
    ("Kế hoạch số 12/KH-UBND giai đoạn 2021-", "2025 của tỉnh", False),  # a year range goes on with digits
    ("Căn cứ Nghị định số 30/2020/NĐ-CP", "ngày 05 tháng 3 năm 2020", False),  # the symbol is whole
])
def test_symbol_cut_at_line_end(line, next_line, cut):
    from pipeline.grammar.symbols import join_cut_symbols, symbol_cut_at_line_end

    assert symbol_cut_at_line_end(line, next_line) is cut
    joined = join_cut_symbols([line, next_line])
    assert joined == (line + next_line if cut else line + " " + next_line)


# joint documents (văn bản liên tịch): the issuers in one agency block, their names joined by dashes and wrapped
# anywhere, and a long symbol cut over two lines (the line boxes of the real file in corpus/eval/dev)
JOINT = [
    pytest.param(  # ttlt-08-2015-bca-vksndtc-tandtc-btp (a browser print of the legal database's copy)
        [("BỘ CÔNG AN – VIỆN KIỂM", (68, 35, 222, 47)), ("SÁT NHÂN DÂN TỐI CAO –", (68, 49, 222, 61)),
         ("TÒA ÁN NHÂN DÂN TỐI", (76, 62, 214, 74)), ("CAO – BỘ TƯ PHÁP", (89, 76, 201, 88)),
         ("--------", (129, 89, 161, 101)), ("Số: 08/2015/TTLT-BCA-", (84, 109, 207, 121)),
         ("VKSNDTC-TANDTC-BTP", (78, 122, 213, 134)), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (253, 35, 502, 47)),
         ("Độc lập - Tự do - Hạnh phúc", (304, 49, 451, 61)), ("---------------", (348, 62, 407, 74)),
         ("Hà Nội, ngày 14 tháng 11 năm 2015", (341, 109, 515, 121)), ("THÔNG TƯ LIÊN TỊCH", (243, 179, 374, 191)),
         ("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỂM CỦA THÔNG TƯ LIÊN TỊCH SỐ 17/2007/TTLT-BCA-", (76, 205, 541, 217)),
         ("VKSNDTC-TANDTC-BTP NGÀY 24/12/2007 CỦA BỘ CÔNG AN, VIỆN KIỂM SÁT NHÂN DÂN", (62, 218, 555, 230)),
         ("TỐI CAO, TÒA ÁN NHÂN DÂN TỐI CAO, BỘ TƯ PHÁP HƯỚNG DẪN ÁP DỤNG MỘT SỐ QUY", (59, 232, 558, 244)),
         ("ĐỊNH TẠI CHƯƠNG XVIII “CÁC TỘI PHẠM VỀ MA TÚY” CỦA BỘ LUẬT HÌNH SỰ NĂM 1999", (59, 245, 558, 257)),
         ("Căn cứ Bộ luật Hình sự năm 1999 (sửa đổi, bổ sung năm 2009);", (56, 271, 369, 283))],
        dict(agency="BỘ CÔNG AN – VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO – TÒA ÁN NHÂN DÂN TỐI CAO – BỘ TƯ PHÁP",
             parent_agency=None, number="08/2015/TTLT-BCA-VKSNDTC-TANDTC-BTP", doc_type="Thông tư liên tịch",
             place="Hà Nội", date="2015-11-14",
             subject=("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỂM CỦA THÔNG TƯ LIÊN TỊCH SỐ 17/2007/TTLT-BCA-VKSNDTC-TANDTC-BTP "
                      "NGÀY 24/12/2007 CỦA BỘ CÔNG AN, VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO, TÒA ÁN NHÂN DÂN TỐI CAO, BỘ TƯ "
                      "PHÁP HƯỚNG DẪN ÁP DỤNG MỘT SỐ QUY ĐỊNH TẠI CHƯƠNG XVIII “CÁC TỘI PHẠM VỀ MA TÚY” CỦA BỘ LUẬT "
                      "HÌNH SỰ NĂM 1999")),
        id="thong-tu-lien-tich-four-issuers",
    ),
    pytest.param(  # the same block read as a text export (no layout): one column after the other
        [("BỘ CÔNG AN – VIỆN KIỂM", None), ("SÁT NHÂN DÂN TỐI CAO –", None), ("TÒA ÁN NHÂN DÂN TỐI", None),
         ("CAO – BỘ TƯ PHÁP", None), ("Số: 08/2015/TTLT-BCA-", None), ("VKSNDTC-TANDTC-BTP", None),
         ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None), ("Độc lập - Tự do - Hạnh phúc", None),
         ("Hà Nội, ngày 14 tháng 11 năm 2015", None), ("THÔNG TƯ LIÊN TỊCH", None)],
        dict(agency="BỘ CÔNG AN – VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO – TÒA ÁN NHÂN DÂN TỐI CAO – BỘ TƯ PHÁP",
             parent_agency=None, number="08/2015/TTLT-BCA-VKSNDTC-TANDTC-BTP", doc_type="Thông tư liên tịch"),
        id="thong-tu-lien-tich-text-export",
    ),
    pytest.param(  # a ministry and its parent over two lines still make two agencies (no dash at the line end)
        [("BỘ LAO ĐỘNG - THƯƠNG BINH", None), ("VÀ XÃ HỘI", None), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None),
         ("Độc lập - Tự do - Hạnh phúc", None), ("Số: 18/2021/TT-BLĐTBXH", None),
         ("Hà Nội, ngày 15 tháng 12 năm 2021", None), ("THÔNG TƯ", None)],
        dict(agency="BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", parent_agency=None, number="18/2021/TT-BLĐTBXH"),
        id="two-line-ministry",
    ),
    pytest.param(  # nqlt-102 of corpus/eval/dev (Word 97): the three issuers in one table cell's paragraph
        [("ỦY BAN THƯỜNG VỤ QUỐC HỘI - CHÍNH PHỦ - ĐOÀN CHỦ TỊCH ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM", None),
         ("-------", None), ("Số: 102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN", None),
         ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None), ("Độc lập - Tự do - Hạnh phúc", None), ("---------------", None),
         ("Hà Nội, ngày 26 tháng 9 năm 2025", None), ("NGHỊ QUYẾT LIÊN TỊCH", None),
         ("HƯỚNG DẪN QUY TRÌNH HIỆP THƯƠNG, GIỚI THIỆU NGƯỜI ỨNG CỬ ĐẠI BIỂU QUỐC HỘI KHÓA XVI, ĐẠI BIỂU HỘI ĐỒNG NHÂN "
          "DÂN CÁC CẤP NHIỆM KỲ 2026 - 2031", None)],
        dict(agency="ỦY BAN THƯỜNG VỤ QUỐC HỘI - CHÍNH PHỦ - ĐOÀN CHỦ TỊCH ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM",
             parent_agency=None, number="102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN", doc_type="Nghị quyết liên tịch",
             subject=("HƯỚNG DẪN QUY TRÌNH HIỆP THƯƠNG, GIỚI THIỆU NGƯỜI ỨNG CỬ ĐẠI BIỂU QUỐC HỘI KHÓA XVI, ĐẠI BIỂU "
                      "HỘI ĐỒNG NHÂN DÂN CÁC CẤP NHIỆM KỲ 2026 - 2031")),
        id="nghi-quyet-lien-tich-one-cell",
    ),
    pytest.param(  # nq-101 of corpus/eval/dev (Word 97): one central body's name over two lines, the second a head too
        [("ỦY BAN THƯỜNG VỤ", None), ("QUỐC HỘI", None), ("-------", None),
         ("Nghị quyết số: 101/2025/UBTVQH15", None), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None),
         ("Độc lập - Tự do - Hạnh phúc", None), ("Hà Nội, ngày 26 tháng 9 năm 2025", None), ("NGHỊ QUYẾT", None)],
        dict(agency="ỦY BAN THƯỜNG VỤ QUỐC HỘI", parent_agency=None, number="101/2025/UBTVQH15", doc_type="Nghị quyết"),
        id="standing-committee-over-two-lines",
    ),
]


# "Kính gửi" on scans, the rows as pipeline.read gave them (text, column, x0, x1, top; points), the
# addressees those printed on the page (checked on its render)
RECIPIENT_SCANS = [
    pytest.param(
        # cv-6191-bvdk-tinh-bac-ninh-2021-scan (corpus/eval/dev): one addressee a line, no ";" between
        [("SỞ Y TẺ BẮC NINH", "left", 92, 229, 8), ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right", 310, 638, 9),
         ("BỆNH VIỆN ĐA KHOA TỈNH -", "left", 57, 285, 30), ("Độc lập - Tự do - Hạnh phúc", "right", 368, 581, 34),
         ("Số: 6191/BVT-TCKT", "left", 97, 235, 70), ("Bắc Ninh, ngày 27 tháng 9 năm 2021", "right", 422, 659, 75),
         ("V/v Đăng tải thông tin lựa chọn", "left", 57, 274, 95), ("Kính gửi:", "left", 149, 213, 205),
         ("Công thông tin điện tử Quốc gia về Đấu giá tài sản", None, 228, 573, 201),
         ("Công thông tin điện tử Sở Y tế Bắc Ninh", None, 227, 505, 225),
         ("Cổng thông tin điện tử Bệnh viện đa khoa tỉnh Bắc Ninh", None, 227, 612, 248),
         ("Căn cứ Điều 56 của Luật đấu giá tài sản số 01/2016/QH14;", None, 99, 500, 299),
         ("Căn cứ Quyết định số 5337/QĐ-BVT ngày 25/8/2021 của Giám đốc Bệnh viện về", None, 99, 667, 321)],
        708.3,
        ("Công thông tin điện tử Quốc gia về Đấu giá tài sản", "Công thông tin điện tử Sở Y tế Bắc Ninh",
         "Cổng thông tin điện tử Bệnh viện đa khoa tỉnh Bắc Ninh"),
        id="cv-6191-one-a-line",
    ),
    pytest.param(
        # cv-stp-tp-hcm-ho-tro-phap-ly-dn-2021-scan (corpus/eval/dev): the last addressee without its end
        # mark, its second line short; the body's first line is no part of it
        [("SỞ TƯ PHÁP", "left", 144, 223, 103), ("Số: 1234 /STP-VB", "left", 121, 246, 134),
         ("Về Chương trình hỗ trợ pháp lý liên", "left", 96, 270, 158),
         ("Kính gửi:", "left", 217, 270, 264),
         ("- Các Sở, ban ngành Thành phô;", "right", 289, 472, 276),
         ("- Ủy ban nhân dân Thành phố Thủ Đức và Ủy", "right", 289, 567, 295),
         ("ban nhân dân các quận-huyện;", "right", 289, 459, 314),
         ("- Trung tâm Xúc tiến Thương mại & Đầu tư", "right", 288, 567, 378),
         ("Thành phô", None, 288, 348, 397),
         ("Sở Tư pháp nhận được Phiếu chuyển số 3578/PC-VP ngày 09 tháng 02", None, 127, 556, 440)],
        595.44,
        ("Các Sở, ban ngành Thành phô", "Ủy ban nhân dân Thành phố Thủ Đức và Ủy ban nhân dân các quận-huyện",
         "Trung tâm Xúc tiến Thương mại & Đầu tư Thành phô"),
        id="cv-stp-body-after-the-last",
    ),
]


@pytest.mark.parametrize("lines, want", JOINT)
def test_joint_issuers_and_a_cut_number(lines, want):
    from pipeline.segment.header import parse_header

    if lines[0][1] is None:
        h = seg([t for t, _ in lines] + BODY).header
    else:
        h = parse_header(_layout_rows(lines), 70).header
    assert {k: getattr(h, k) for k in want} == want


# the reader's order running down one header column and into the body before coming back up for the other column,
# and a page's running head above the header (the line boxes of the real files in corpus/eval/dev)
READ_LATE = [
    pytest.param(  # cv-4646-sgddt-tp-hcm: the left column, "Kính gửi:", the first "Căn cứ" line, then the right column
        [("ỦY BAN NHÂN DÂN", (119, 58, 231, 70)), ("THÀNH PHỐ HỒ CHÍ MINH", (101, 72, 249, 84)),
         ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", (89, 86, 261, 99)), ("Số: 4646 /SGDĐT-TCCB", (110, 113, 248, 127)),
         ("V/v hướng dẫn một số nội dung", (102, 137, 254, 149)), ("bổ nhiệm chức danh nghề nghiệp", (97, 153, 257, 165)),
         ("đối với viên chức diện hết thời", (103, 169, 251, 181)), ("gian tập sự và diện không thực", (103, 185, 251, 197)),
         ("hiện chế độ tập sự", (134, 201, 221, 213)), ("Kính gửi:", (199, 239, 252, 253)),
         ("Căn cứ Luật Viên chức ngày 15 tháng 11 năm 2010;", (121, 325, 394, 338)),
         ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (293, 58, 543, 70)), ("Độc lập - Tự do - Hạnh phúc", (338, 72, 497, 85)),
         ("Thành phố Hồ Chí Minh, ngày 14 tháng11 năm 2025", (280, 112, 556, 125)),
         ("- Chủ tịch Ủy ban nhân dân phường, xã và đặc khu;", (255, 255, 545, 269)),
         ("- Hiệu trưởng, Giám đốc các đơn vị sự nghiệp công", (255, 271, 544, 285)),
         ("lập trực thuộc Sở.", (262, 287, 362, 301)),
         ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật", (121, 348, 539, 361))],
        dict(agency="SỞ GIÁO DỤC VÀ ĐÀO TẠO", parent_agency="ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
             number="4646/SGDĐT-TCCB", place="Thành phố Hồ Chí Minh", date="2025-11-14",
             subject=("hướng dẫn một số nội dung bổ nhiệm chức danh nghề nghiệp đối với viên chức diện hết thời gian "
                      "tập sự và diện không thực hiện chế độ tập sự"),
             recipients=("Chủ tịch Ủy ban nhân dân phường, xã và đặc khu",
                         "Hiệu trưởng, Giám đốc các đơn vị sự nghiệp công lập trực thuộc Sở")),
        "Căn cứ Luật Viên chức ngày 15 tháng 11 năm 2010;",
        id="right-column-read-after-the-first-body-line",
    ),
    pytest.param(  # nd-105-2021-nd-cp-luatminhkhue: a law firm's running head over both columns; the type line
        # read between the two columns
        [("Công ty luật Minh Khuê", (72, 42, 206, 54)), ("CHÍNH PHỦ", (123, 73, 179, 83)), ("_____", (137, 85, 165, 95)),
         ("Số: 105/2021/NĐ-CP", (104, 96, 198, 106)), ("NGHỊ ĐỊNH", (272, 143, 324, 152)),
         ("www.luatminhkhue.vn", (396, 42, 513, 54)), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (273, 73, 475, 83)),
         ("Độc lập - Tự do - Hạnh phúc", (307, 85, 441, 95)), ("_________________________", (304, 96, 443, 106)),
         ("Hà Nội, ngày 04 tháng 12 năm 2021", (294, 108, 454, 118)),
         ("Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Phòng, chống ma túy", (99, 154, 496, 164)),
         ("__________", (280, 165, 316, 172)),
         ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều", (108, 188, 523, 198))],
        dict(agency="CHÍNH PHỦ", parent_agency=None, number="105/2021/NĐ-CP", doc_type="Nghị định", place="Hà Nội",
             date="2021-12-04", subject="Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Phòng, chống ma túy"),
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều",
        id="running-head-and-the-type-line-between-the-columns",
    ),
]


@pytest.mark.parametrize("lines, want, first_body", READ_LATE)
def test_header_read_in_page_order(lines, want, first_body):
    from pipeline.segment.header import parse_header

    result = parse_header(_layout_rows(lines), 70)
    assert {k: getattr(result.header, k) for k in want} == want
    assert result.rest[0].text == first_body
@pytest.mark.parametrize("text, place", [
    ("Krông Nô. ngày 49 tháng É` năm 201]", "Krông Nô"),   # bc-242 (dev scan): day, month and the year's last digit by hand
    ("Krông Nô, ngày/Ÿ thángŠ năm 2019", "Krông Nô"),      # bc-90 (dev scan): the handwritten month glued to "tháng"
    ("Hà Nội, ngày82tháng 4 năm 2026", "Hà Nội"),           # qd-707 (dev scan): the handwritten 22 read as 82
])
def test_place_is_read_when_the_date_is_written_by_hand(text, place):
    """The line is the place and date (the header goes on under it); the date is unreadable, never guessed."""
    assert is_place_date(text)
    assert parse_place_date(text)[:2] == (place, None)


@pytest.mark.parametrize("text", ["Năm 2019, ngày làm việc tháng 5 năm 201]", "Thực hiện thángŠ năm 2019 của UBND"])
def test_a_body_line_with_date_words_is_no_place_date(text):
    assert not is_place_date(text)


def _scan_rows(lines, width=595.0):
    """Rows of an OCR'd page: (text, x0, top, x1, bottom, confidence), as the reader gave them for a dev scan."""
    from pipeline.model import Document, Line, Page
    from pipeline.segment.lines import build_rows

    page = Page(1, tuple(Line(t, 1, (x0, top, x1, bottom), 13.0, confidence=c) for t, x0, top, x1, bottom, c in lines),
                "ocr", width, 842.0)
    rows, _ = build_rows(Document("x.pdf", "0", "pdf", (page,), "ocr"))
    return rows


# the first lines of three signed scans of central documents (corpus/eval/dev), as the reader gives them: a received
# stamp ("CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ / ĐẾN / Ngày …") under the number, left of the title, read unsure
QD_707 = [("THỦ TƯỚNG CHÍNH PHỦ", 118, 69, 277, 82, 94.2), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 290, 70, 564, 85, 96.4),
          ("Độc lập - Tự do - Hạnh phúc", 339, 88, 513, 102, 94.3), ("Số: … /QĐ-TTg", 150, 118, 248, 140, 65.2),
          ("GỔNG THÔNGTIN tohiojpni Ï TS", 54, 135, 240, 171, 32.6), ("ĐẾN °h--C----2 7----", 53, 147, 180, 179, 26.8),
          ("Ngày. n 14: Tnng", 84, 160, 180, 201, 38.2), ("Hà Nội, ngày82tháng 4 năm 2026", 328, 120, 525, 134, 91.4),
          ("QUYẾT ĐỊNH", 283, 185, 372, 209, 94.4),
          ("Về việt ban hành Kế hoạch hành động quốc gia về phòng, chống rửa tiền,", 106, 195, 549, 226, 85.8),
          ("tài trợ: khủng bố và ti trợ phố biến vũ khí hủy ( diệt hàng loạt giai đoạn", 114, 218, 541, 245, 84.9),
          ("2026 - 2030,.chuân: bị cho đánh giá đa phương lần 3 của Nhóm Châu Á -", 110, 237, 545, 262, 91.8),
          ("Thái Bình Dương về chống rửa tiền (APG) đối với Việt Nam", 146, 256, 509, 272, 96.0),
          ("THỦ TƯỚNG CHÍNH PHỦ", 248, 317, 407, 329, 94.1),
          ("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;", 135, 351, 483, 367, 96.3)]
QD_729 = [("THỦ TƯỚNG CHÍNH PHỦ", 91, 59, 250, 72, 94.2), ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", 271, 53, 544, 73, 95.9),
          ("Độc lập - Tự do - Hạnh phúc", 320, 76, 494, 90, 94.8), ("Số: … /QĐ-TTg", 121, 103, 220, 119, 67.9),
          ("Hà Nội, ngày23 tháng 4 năm 2026", 307, 103, 508, 117, 94.9),
          ("Sồôom) ĐIỆN TỪ CHÍNH PHỦ", 43, 124, 169, 157, 59.2), ("Mắc 2iãi8 rơm", 76, 147, 171, 173, 28.6),
          ("ĐẾN", 45, 149, 73, 167, 96.7), ("QUYẾT ĐỊNH", 277, 144, 367, 160, 93.6),
          ("Phê chuẩn kết quả bầu chức vụ Chủ tịch", 199, 160, 444, 178, 94.7),
          ("Uy ban nhân dân thành phố Đà Nẵng nhiệm kỳ 2026 - 2031", 143, 176, 499, 192, 94.0),
          ("THỦ TƯỚNG CHÍNH PHỦ", 242, 224, 401, 237, 94.4),
          ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 02 năm 2025;", 121, 251, 470, 267, 96.3),
          ("Chính phủ quy định khung số lượng Phó Chủ tịch Ủy ban nhân dân, số lượng", 92, 307, 552, 326, 95.9),
          ("và cơ câu Ủy viên Ủy ban nhân dân, trình tự, thủ tục đê nghị phê chuẩn kêt", 92, 323, 552, 342, 95.0),
          ("Ửy ban nhân dân; trình tự thủ tục điễu động, cách chức Chủ tịch, Phó Chủ tịch", 93, 355, 550, 374, 93.7)]
QD_1380 = [("THỦ TƯỚNG CHÍNH PHỦ", 76, 62, 236, 74, 94.2), ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", 249, 62, 521, 77, 95.5),
           ("Độc lập - Tự do - Hạnh phúc", 302, 80, 475, 93, 94.7), ("Só: … /QĐ-TTg", 108, 107, 204, 122, 52.5),
           ("Hà Nội, ngàyj+ tháng b' năm 2025", 293, 107, 485, 120, 79.9), ("QUYẾT ĐỊNH", 260, 143, 349, 159, 88.8),
           ("GỒNG THÔNG TIN", 53, 159, 110, 178, 42.7)]


@pytest.mark.parametrize("lines, doc_type, place, date, subject", [
    (QD_707, "Quyết định", "Hà Nội", None,  # the opener's slip set right (ocr_opener), the rest as read
     "Về việc ban hành Kế hoạch hành động quốc gia về phòng, chống rửa tiền, tài trợ: khủng bố và ti trợ phố biến vũ "
     "khí hủy ( diệt hàng loạt giai đoạn 2026 - 2030,.chuân: bị cho đánh giá đa phương lần 3 của Nhóm Châu Á - Thái "
     "Bình Dương về chống rửa tiền (APG) đối với Việt Nam"),
    (QD_729, "Quyết định", "Hà Nội", "2026-04-23",
     "Phê chuẩn kết quả bầu chức vụ Chủ tịch Uy ban nhân dân thành phố Đà Nẵng nhiệm kỳ 2026 - 2031"),
    (QD_1380, "Quyết định", "Hà Nội", None, None),
])
def test_a_received_stamp_under_the_number_is_neither_body_nor_subject(lines, doc_type, place, date, subject):
    from pipeline.segment.header import parse_header

    h = parse_header(_scan_rows(lines), 80).header
    assert (h.agency, h.number, h.doc_type, h.place, h.date, h.subject) == (
        "THỦ TƯỚNG CHÍNH PHỦ", None, doc_type, place, date, subject)


def test_an_e_signature_box_above_the_header_and_a_number_line_with_its_code_alone():
    """kh-syt (dev scan): the e-signature box printed over the top right of the page leaves "Minh" above the
    header; the number line lost its label and its handwritten number to OCR, "KH-SYT" is left."""
    from pipeline.segment.header import parse_header

    rows = _scan_rows([
        ("Minh", 470, 31, 486, 36, 96.7), ("12:16:11 +07:00", 471, 45, 518, 50, 93.1),
        ("ỦY BAN NHÂN DÂN", 106, 50, 226, 69, 96.1), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 279, 52, 543, 67, 94.6),
        ("THÀNH PHỐ HỒ CHÍ MINH", 87, 69, 245, 84, 94.1), ("Độc lập - Tự do - Hạnh phúc", 333, 70, 488, 83, 94.8),
        ("SỞ Y TẾ", 141, 82, 190, 94, 94.3), ("KH-SYT", 164, 115, 216, 125, 67.4),
        ("Thành phố Hồ Chí Minh, ngày(Ÿ] tháng 02 năm 2021", 273, 111, 548, 131, 85.5), ("KẾ HOẠCH", 289, 151, 363, 167, 95.1),
        ("Công tác kiểm tra, rà soát, xử lý văn bản quy phạm pháp luật trong lĩnh vực", 102, 167, 549, 190, 96.4),
        ("y tế trên địa bàn Thành phố Hồ Chí Minh năm 2021", 172, 184, 478, 200, 96.3),
        ("Thực hiện Kế hoạch số 4963/KH-UBND ngày 22/12/2020 của Ủy ban", 135, 239, 551, 258, 96.0)])
    result = parse_header(rows, 80)
    h = result.header
    assert (h.parent_agency, h.agency, h.number, h.doc_type, h.place, h.date) == (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "SỞ Y TẾ", None, "Kế hoạch", "Thành phố Hồ Chí Minh", None)
    assert h.subject == ("Công tác kiểm tra, rà soát, xử lý văn bản quy phạm pháp luật trong lĩnh vực y tế trên địa "
                         "bàn Thành phố Hồ Chí Minh năm 2021")
    assert WARN_NUMBER_BLANK in result.warnings


def test_a_number_line_whose_label_ocr_misread():
    """cv-808 (dev scan): "Số:" read "Sẻ:" beside the handwritten number; the V/v under it is the subject."""
    from pipeline.segment.header import parse_header

    rows = _scan_rows([
        ("ỦY BAN NHÂN DÂN", 104, 80, 230, 94, 89.4), ("HUYỆN KRÔNG NÔ", 105, 96, 231, 112, 91.8),
        ("Sẻ: … /UBND-VP", 109, 125, 227, 141, 60.1), ("V/v xác minh. xử lý nội dung", 93, 146, 244, 158, 94.6),
        ("Đơn trình báo của Công ty", 93, 161, 244, 172, 94.2), ("TNHHH MTV nông trại cao", 92, 175, 244, 186, 92.1),
        ("nguyên Quảng Phú Ì", 93, 190, 195, 201, 77.3), ("Kính gửi:", 190, 217, 244, 231, 96.5),
        ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", 260, 79, 545, 95, 88.2), ("Độc lập - Tự do - Hạnh phúc", 321, 97, 486, 112, 95.0),
        ("Krông Nô, ngày) tháng Š năm 2019", 339, 127, 552, 142, 83.3), ("- Công an huyện Krông Nô;", 256, 239, 418, 253, 88.7)])
    h = parse_header(rows, 80).header
    assert (h.agency, h.number, h.doc_type, h.place) == ("ỦY BAN NHÂN DÂN HUYỆN KRÔNG NÔ", None, "Công văn", "Krông Nô")
    # the comma OCR read as a stop set right (ocr_commas); the "1" read "Ì" left as read
    assert h.subject == "xác minh, xử lý nội dung Đơn trình báo của Công ty TNHHH MTV nông trại cao nguyên Quảng Phú Ì"


def test_the_title_of_a_scan_whose_print_sits_left_of_the_page_centre():
    """tb-666 (dev scan): the sheet was scanned offset, so "THÔNG BÁO", centred on the text block, lies left of
    the page's centre (a left-column line by the page); under the number it is the type line all the same."""
    from pipeline.segment.header import parse_header

    rows = _scan_rows([
        ("UBND TỈNH BẾN TRE", 66, 19, 188, 30, 93.0), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 249, 19, 506, 33, 95.1),
        ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 17, 33, 233, 48, 90.1), ("Độc lập - Tự do - Hạnh phúc", 304, 35, 456, 47, 95.0),
        ("Số: …/TB-STTTT", 69, 60, 171, 73, 46.6), ("Bến Tre, ngày/⁄|. tháng 12 năm 2011", 279, 61, 468, 77, 86.1),
        ("THÔNG BÁO", 206, 120, 288, 133, 91.5), ("Về việc giới thiệu chức danh và chữ ký", 116, 136, 336, 153, 96.6),
        ("Phó Giám đốc Sở Thông tin và Truyền thông tỉnh Bến Tre", 75, 151, 408, 166, 95.9),
        ("Căn cứ Quyết định số 2729 /QĐ-UBND ngày 16 tháng 11 năm 2011 của", 56, 199, 465, 214, 94.7),
        ("Chủ tịch Ủy ban nhân dân tỉnh Bến Tre về việc bổ nhiệm ông Trịnh Minh Châu-", 28, 215, 464, 230, 93.8),
        ("Giám đốc Trung tâm tin học Văn phòng Ủy ban nhân dân tỉnh Bến Tre giữ chức „", 28, 231, 474, 246, 92.4),
        ("vụ Phó Giám đốc Sở Thông tin và Truyền thông tỉnh Bến Tre.", 27, 247, 359, 262, 96.7)])
    h = parse_header(rows, 80).header
    assert (h.agency, h.doc_type, h.place) == ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Thông báo", "Bến Tre")
    assert h.subject == "Về việc giới thiệu chức danh và chữ ký Phó Giám đốc Sở Thông tin và Truyền thông tỉnh Bến Tre"


def test_an_ocr_agency_line_is_set_right_word_by_word_and_keeps_what_was_read():
    """bc-1983 (dev scan, Sở Y tế Kiên Giang): "SƠ Y TE" under "UBND TỈNH KIÊN GIANG" is the Sở Y tế; the header's
    row says so and keeps the OCR text in Line.original."""
    from pipeline.segment.header import parse_header

    rows = _scan_rows([
        ("UBND TỈNH KIÊN GIANG", 75, 40, 195, 52, 91.0), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 250, 40, 520, 54, 93.0),
        ("SƠ Y TE", 105, 55, 160, 67, 71.0), ("Độc lập - Tự do - Hạnh phúc", 310, 56, 460, 68, 90.0),
        ("Số: /BC-SYT", 90, 80, 170, 92, 80.0), ("Kiên Giang, ngày 17 tháng 10 năm 2017", 290, 80, 500, 92, 88.0),
        ("BÁO CÁO", 250, 110, 310, 122, 92.0)])
    result = parse_header(rows, 80)
    assert (result.header.agency, result.header.parent_agency) == ("SỞ Y TẾ", "UBND TỈNH KIÊN GIANG")
    row = next(r for r in result.order if r.line is not None and r.line.original == "SƠ Y TE")
    assert (row.text, row.line.text) == ("SỞ Y TẾ", "SỞ Y TẾ")


def test_a_giay_moi_without_a_subject_starts_its_body_under_the_type_line():
    """gm-01 (dev scan): "GIẤY MỜI" and then the body ("Thực hiện Luật …", a full indented line): no trích yếu."""
    from pipeline.segment.header import parse_header

    rows = _scan_rows([
        ("VĂN PHÒNG HĐND - UBND", 83, 61, 250, 73, 93.2), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 280, 60, 550, 75, 95.4),
        ("HUYỆN ĐÁK R'LẤP", 105, 77, 224, 96, 79.1), ("Độc lập — Tự do — Hạnh phúc", 338, 80, 501, 92, 89.6),
        ("BAN TIẾP CÔNG DÂN", 99, 93, 234, 105, 94.4), ("Số: 01/GM-BTCD", 115, 115, 219, 128, 88.4),
        ("Đắk R lấp, ngày 22 tháng 7 năm 2019", 327, 115, 541, 130, 92.1), ("GIẤY MỜI", 281, 150, 354, 164, 87.3),
        ("Thực hiện Luật tiếp công dân số 42/2013/QH13 ngày 25/11/2013; Nghị định", 119, 179, 551, 195, 96.5),
        ("số 64/2014/NĐ-CP ngày 26/06/2014 Quy định chỉ tiết thi hành một số điều của", 83, 197, 551, 213, 96.3),
        ("Luật Tiếp công dân. Lãnh đạo UBND huyện Đắk R'lấp tô chức buổi tiếp công dân", 82, 216, 550, 232, 93.4),
        ("với bà Trần Thị Thu Hương TDP 4, TT Kiến Đức.", 82, 235, 365, 251, 95.9),
        ("Thực hiện chỉ đạo của UBND huyện ĐắkR'lấp. Ban tiếp công dân huyện", 118, 253, 550, 269, 95.5),
        ("kính mời:", 82, 275, 135, 286, 94.0)])
    result = parse_header(rows, 80)
    h = result.header
    assert (h.number, h.doc_type, h.date, h.subject) == ("01/GM-BTCD", "Giấy mời", "2019-07-22", None)
    assert rows[result.body_start].text.startswith("Thực hiện Luật tiếp công dân")


def test_a_report_whose_month_is_written_by_hand_and_a_remark_under_its_subject():
    """bc-90 (dev scan): the handwritten month read glued to "tháng" ("thángŠ") still makes the place and date
    line, so the title block under it is read; the bracketed window under the subject is a remark."""
    from pipeline.segment.header import parse_header

    rows = _scan_rows([
        ("VĂN PHÒNG HĐND&UBND", 69, 58, 234, 75, 91.0), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 267, 57, 520, 71, 93.4),
        ("HUYỆN KRÔNG NÔ", 92, 73, 210, 87, 90.9), ("Độc lập - Tự do - Hạnh phúc", 311, 74, 476, 86, 89.4),
        ("BAN TIẾP CÔNG DÂN", 84, 88, 218, 101, 95.5), ("Krông Nô, ngày/Ÿ thángŠ năm 2019", 298, 102, 490, 116, 82.7),
        ("Số: … /BTCD", 115, 117, 187, 130, 58.5), ("BÁO CÁO", 277, 153, 336, 165, 91.4),
        ("v/v tình hình tiếp công dân và xử lý đơn thư 06 tháng đầu năm 2019", 117, 168, 496, 183, 96.6),
        ("(Thời gian tính từ ngày 01/12/2018 đến ngày 24/5/2019)", 158, 183, 454, 198, 96.5),
        ("1. CÔNG TÁC TIẾP CÔNG ĐÂN:", 110, 240, 303, 253, 84.4), ("1. Kết quả tiếp công dân", 110, 258, 245, 273, 95.7),
        ("Trong 06 tháng đầu năm 2019, Lãnh đạo HĐND và UBND huyện đã tiếp 05 lượt", 109, 276, 538, 293, 95.9),
        ("(định kỳ) và Ban Tiếp công dân huyện tiếp 73 lượt với tổng số 9§ công dân đến khiếu", 76, 291, 538, 308, 95.5)])
    h = parse_header(rows, 80).header
    assert (h.parent_agency, h.agency, h.number, h.doc_type, h.place, h.date) == (
        "VĂN PHÒNG HĐND&UBND HUYỆN KRÔNG NÔ", "BAN TIẾP CÔNG DÂN", None, "Báo cáo", "Krông Nô", None)
    assert h.subject == "v/v tình hình tiếp công dân và xử lý đơn thư 06 tháng đầu năm 2019"


@pytest.mark.parametrize("line, remark", [
    ("(Thời gian tính từ ngày 01/12/2018 đến ngày 24/5/2019)", True),   # bc-90 (dev scan)
    ("(đoạn từ nút giao Vành đai 1 - hầm Kim Liên đến nút giao cầu Giẽ).", False),  # goes on with the phrase above
    ("(PPP), loại hợp đồng xây dựng - chuyển giao", False),
])
def test_a_bracketed_line_under_the_subject(line, remark):
    from pipeline.segment.header import _remark

    assert _remark(line) == remark


def test_a_subject_opening_like_a_body_stays_the_subject_in_a_doc():
    """kh-stttt-phu-tho-2011-draft.doc (dev): the rows carry their table cell's width, not a measured layout; the
    subject "Triển khai …" under "KẾ HOẠCH" stays the subject."""
    from pipeline.segment.header import parse_header

    w = 453.55
    rows = [_row("UBND TỈNH PHÚ THỌ", 0, "left", 0.0, 226.77, width=w),
            _row("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 1, "left", 0.0, 226.77, width=w),
            _row("Số: /KH-STTTT", 2, "left", 0.0, 226.77, width=w),
            _row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 3, "right", 226.77, w, width=w),
            _row("Độc lập - Tự do - Hạnh phúc", 4, "right", 226.77, w, width=w),
            _row("Phú Thọ, ngày tháng 12 năm 2011", 5, "right", 226.77, w, width=w),
            _row("KẾ HOẠCH", 6, None, 0.0, w, width=w),
            _row("Triển khai cài đặt, đào tạo hướng dẫn sử dụng phần mềm Quản lý văn bản", 7, None, 0.0, w, width=w),
            _row("I. MỤC ĐÍCH, YÊU CẦU", 8, None, 0.0, w, width=w)]
    h = parse_header(rows, 80).header
    assert (h.doc_type, h.subject) == ("Kế hoạch", "Triển khai cài đặt, đào tạo hướng dẫn sử dụng phần mềm Quản lý văn bản")


@pytest.mark.parametrize("rows, width, recipients", RECIPIENT_SCANS)
def test_recipients_of_a_scan_by_where_lines_end(rows, width, recipients):
    from pipeline.segment.header import parse_header

    rows = [_row(t, i, c, x0, x1, top, width) for i, (t, c, x0, x1, top) in enumerate(rows)]
    assert parse_header(rows, 80).header.recipients == recipients


# a legal database's title with the header table left out: the type, then "CỦA <issuer> SỐ <number> NGÀY <day>",
# the subject before or after it (the first lines of real files of corpus/eval/dev)
DATABASE_TITLES = [
    pytest.param(  # nd-37-2007-nd-cp-minh-bach-tai-san.doc
        ["NGHỊ ĐỊNH", "CỦA CHÍNH PHỦ SỐ 37/2007/NĐ-CP NGÀY 09 THÁNG 3 NĂM 2007", "VỀ MINH BẠCH TÀI SẢN, THU NHẬP",
         "CHÍNH PHỦ", "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;"],
        dict(agency="CHÍNH PHỦ", number="37/2007/NĐ-CP", doc_type="Nghị định", date="2007-03-09",
             subject="VỀ MINH BẠCH TÀI SẢN, THU NHẬP"),
        id="subject-after",
    ),
    pytest.param(  # luat-16-2008-qh12-sua-doi-phong-chong-ma-tuy-web-print.pdf: the issuer with its term and session
        ["LUẬT", "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA", "LUẬT PHÒNG, CHỐNG MA TÚY",
         "CỦA QUỐC HỘI KHÓA XII, KỲ HỌP THỨ 3, SỐ 16/2008/QH12", "NGÀY 03 THÁNG 06 NĂM 2008",
         "Căn cứ Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 1992 đã được sửa đổi, bổ sung một số điều"],
        dict(agency="QUỐC HỘI", number="16/2008/QH12", doc_type="Luật", date="2008-06-03",
             subject="SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT PHÒNG, CHỐNG MA TÚY"),
        id="subject-before-issuer-with-its-session",
    ),
]


@pytest.mark.parametrize("lines, want", DATABASE_TITLES)
def test_database_title_gives_issuer_number_and_day(lines, want):
    h = seg(lines + BODY).header
    assert {k: getattr(h, k) for k in want} == want


@pytest.mark.parametrize("subject", [
    # ttlt-08-2015 (dev): a subject citing another document, its issuer after the day: the header has its own number
    "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỂM CỦA THÔNG TƯ LIÊN TỊCH SỐ 17/2007/TTLT-BCA-VKSNDTC-TANDTC-BTP NGÀY 24/12/2007 "
    "CỦA BỘ CÔNG AN",
])
def test_a_subject_citing_a_document_is_no_database_title(subject):
    from pipeline.segment.header import database_title

    assert database_title(subject) is None


def test_body_read_down_the_left_half_before_the_header_tables_right_cells():
    """luat-58-2014-qh13 web print (dev): the reader gives the header table's left cells, then the body down the
    page's left half, then the table's right cells and the title; the motto, the place and date and the title are
    read, and the body starts at its first line (the rows as the reader gave them: text, column, x0, x1, top)."""
    from pipeline.segment.header import parse_header

    rows = [("QUỐC HỘI", "left", 126, 181, 73), ("-------", "left", 141, 166, 89),
            ("Luật số: 58/2014/QH13", "left", 104, 203, 140),
            ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;", "left", 63, 325, 236),
            ("Quốc hội ban hành Luật bảo hiểm xã hội.", "left", 63, 238, 263), ("Chương I", "left", 63, 106, 290),
            ("Điều 1. Phạm vi điều chỉnh", "left", 63, 184, 347),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right", 280, 497, 73),
            ("Độc lập - Tự do - Hạnh phúc", "right", 324, 452, 89), ("---------------", "right", 362, 414, 107),
            ("Hà Nội, ngày 20 tháng 11 năm 2014", "right", 374, 527, 140), ("LUẬT", None, 281, 315, 180),
            ("BẢO HIỂM XÃ HỘI", None, 253, 343, 209), ("NHỮNG QUY ĐỊNH CHUNG", None, 220, 376, 319)]
    result = parse_header([_row(t, i, c, x0, x1, top, 595.0) for i, (t, c, x0, x1, top) in enumerate(rows)], 100)
    h = result.header
    assert (h.agency, h.number, h.doc_type, h.place, h.date, h.subject) == (
        "QUỐC HỘI", "58/2014/QH13", "Luật", "Hà Nội", "2014-11-20", "BẢO HIỂM XÃ HỘI")
    assert result.rest[0].text == "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"


def test_type_and_sentence_case_subject_in_one_word_paragraph():
    """nd-57-2022-nd-cp .doc (dev): "NGHỊ ĐỊNH", a line break, "Quy định …" in one paragraph, read as one line."""
    h = seg(["CHÍNH PHỦ", "Số: 57/2022/NĐ-CP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Hà Nội, ngày 25 tháng 8 năm 2022", "NGHỊ ĐỊNH Quy định các danh mục chất ma túy và tiền chất",
             "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;"] + BODY).header
    assert (h.doc_type, h.subject) == ("Nghị định", "Quy định các danh mục chất ma túy và tiền chất")


@pytest.mark.parametrize("line", [
    "NGHỊ ĐỊNH :",  # nd-37-2007 .doc (dev): the words before Điều 1
    "Nghị định số 214/2025/NĐ-CP ngày 04 tháng 8 năm 2025 của Chính Phủ quy định chi tiết",  # nd-214 .docx (dev)
])
def test_no_type_then_subject(line):
    from pipeline.segment.header import _type_then_subject

    assert _type_then_subject(line) is None


def test_database_note_above_the_type_line_is_no_body():
    """nd-214-2025-nd-cp .docx (dev): the database's note (the document's own name with its number, a remark in
    brackets) between the place and date and the type line; the type and the subject under it are read."""
    h = seg(["CHÍNH PHỦ", "Số: 214/2025/NĐ-CP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Hà Nội, ngày 04 tháng 8 năm 2025",
             "Nghị định số 214/2025/NĐ-CP ngày 04 tháng 8 năm 2025 của Chính Phủ quy định chi tiết một số điều và "
             "biện pháp thi hành Luật Đấu thầu về lựa chọn nhà thầu", "(Có hiệu lực kể từ ngày ký)", "NGHỊ ĐỊNH",
             "Quy định chi tiết một số điều và biện pháp thi hành Luật Đấu thầu về lựa chọn nhà thầu",
             "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;"] + BODY).header
    assert (h.number, h.doc_type, h.subject) == (
        "214/2025/NĐ-CP", "Nghị định", "Quy định chi tiết một số điều và biện pháp thi hành Luật Đấu thầu về lựa chọn nhà thầu")


def test_a_subject_line_as_wide_as_the_body_inside_a_centred_block():
    """kh-4644-sgddt-tp-hcm (dev): the fourth of five centred subject lines is as wide as the text block; it keeps
    the block's line pitch and a centred line follows it at the same pitch, so the subject goes on; the body's first
    line (indented, a larger gap) ends it (the rows as the reader gave them: text, column, x0, x1, top)."""
    from pipeline.segment.header import parse_header

    rows = [("ỦY BAN NHÂN DÂN", "left", 98, 219, 58), ("THÀNH PHỐ HỒ CHÍ MINH", "left", 79, 239, 73),
            ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "left", 73, 244, 89), ("Số: 4644 /KH-SGDĐT", "left", 96, 222, 116),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right", 283, 552, 59),
            ("Độc lập – Tự do – Hạnh phúc", "right", 330, 506, 74),
            ("Thành phố Hồ Chí Minh, ngày 14 tháng11 năm 2025", "right", 270, 550, 119),
            ("KẾ HOẠCH", None, 276, 347, 157), ("Tổ chức truyền thông và Cuộc thi Sáng tạo nội dung", None, 155, 468, 172),
            ("“Đồng lòng tiếp sức - Hướng tới kỷ lục” Hưởng ứng Ngày hội 50 năm", None, 105, 519, 188),
            ("Giáo dục và Đào tạo Thành phố Hồ Chí Minh", None, 175, 449, 204),
            ("Hướng tới xác lập kỷ lục kép thế giới về Đồng diễn Võ nhạc Vovinam - Bài", None, 90, 533, 220),
            ("số 1 và số lượng học sinh tham gia đồng diễn lớn nhất", None, 152, 472, 237),
            ("Căn cứ Kế hoạch số 134/KH-UBND ngày 20 tháng 10 năm 2025 của Ủy", None, 121, 539, 266),
            ("ban nhân dân Thành phố Hồ Chí Minh về tổ chức các hoạt động phong trào học", None, 85, 538, 282),
            ("sinh Ngày hội 50 năm Giáo dục và Đào tạo Thành phố Hồ Chí Minh chủ đề “50", None, 85, 539, 298),
            ("năm đổi mới Giáo dục: Dấu ấn thời đại - Khát vọng tương lai”;", None, 85, 439, 314),
            ("Căn cứ Công văn số 2981/SGDĐT-HSSV ngày 06 tháng 10 năm 2025 của", None, 121, 539, 337),
            ("Sở Giáo dục và Đào tạo về hướng dẫn thực hiện nhiệm vụ năm học 2025 - 2026", None, 85, 539, 353)]
    result = parse_header([_row(t, i, c, x0, x1, top, 595.0) for i, (t, c, x0, x1, top) in enumerate(rows)], 74)
    assert result.header.subject == (
        "Tổ chức truyền thông và Cuộc thi Sáng tạo nội dung “Đồng lòng tiếp sức - Hướng tới kỷ lục” Hưởng ứng Ngày hội "
        "50 năm Giáo dục và Đào tạo Thành phố Hồ Chí Minh Hướng tới xác lập kỷ lục kép thế giới về Đồng diễn Võ nhạc "
        "Vovinam - Bài số 1 và số lượng học sinh tham gia đồng diễn lớn nhất")
    assert result.rest[0].text.startswith("Căn cứ Kế hoạch số 134/KH-UBND")


def test_a_quarter_carried_to_its_own_line_stays_in_the_subject():
    """The generated report gen-s7-00024-bc (`baocao corpus build --n 100 --seed 7`, dev split, digital PDF): the
    subject's last line is the quarter alone, "III/2024", centred under "… quý"; its Roman numeral is no line in
    capitals (the rows as the reader gave them: text, column, x0, x1, top)."""
    from pipeline.segment.header import parse_header

    rows = [("SỞ XÂY DỰNG", "left", 133, 221, 73), ("Số: 306/BC-SXD", "left", 132, 223, 101),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right", 300, 524, 59),
            ("Độc lập - Tự do - Hạnh phúc", "right", 311, 476, 74),
            ("Yên Bái, ngày 23 tháng 9 năm 2024", "right", 297, 490, 101), ("BÁO CÁO", None, 286, 351, 135),
            ("Sơ kết công tác bảo đảm trật tự, an toàn giao thông quý", None, 153, 485, 152),
            ("III/2024", None, 295, 343, 169),
            ("Kính gửi: Ban Chỉ đạo 138 tỉnh (Phòng PA05 - Công an tỉnh).", None, 145, 493, 219),
            ("Theo đề nghị của Bộ Chỉ huy Bộ đội Biên phòng tỉnh tại Công văn số 340/SXD-VP", None, 113, 553, 242),
            ("ngày 14/04/2024, Sở Xây dựng báo cáo tình hình, kết quả triển khai công tác bảo đảm", None, 85, 553, 258),
            ("trật tự, an toàn giao thông quý III năm 2024 như sau:", "left", 85, 360, 275)]
    h = parse_header([_row(t, i, c, x0, x1, top, 638.0) for i, (t, c, x0, x1, top) in enumerate(rows)], 85).header
    assert h.subject == "Sơ kết công tác bảo đảm trật tự, an toàn giao thông quý III/2024"


@pytest.mark.parametrize("read, fixed", [
    # as Tesseract read the trích yếu of three dev scans (corpus/eval/dev cv-808, kh-09, tm-155)
    ("xác minh. xử lý nội dung Đơn trình báo", "xác minh, xử lý nội dung Đơn trình báo"),
    ("cơ sở hành nghề Y, YHCT; sản xuất, kinh doanh", "cơ sở hành nghề Y, YHCT, sản xuất, kinh doanh"),
    # what stays: an abbreviation before a name, a number's stop, a capital after the mark
    ("Ủy ban nhân dân TP. Hồ Chí Minh", "Ủy ban nhân dân TP. Hồ Chí Minh"),
    ("kết quả năm 2019. tiếp tục", "kết quả năm 2019. tiếp tục"),
    ("tỉnh Đà Nẵng; Ấp Bắc", "tỉnh Đà Nẵng; Ấp Bắc"),
])
def test_ocr_commas_in_a_subject(read, fixed):
    from pipeline.segment.header import ocr_commas

    assert ocr_commas(read) == fixed


def test_scanned_subject_gets_its_commas_back():
    """An OCR'd subject is set right; the same words in a text layer are left as typed."""
    import json

    from pipeline import read, segment
    from tests.conftest import CORPUS

    path = CORPUS / "eval" / "dev" / "tm-155-syt-kien-giang-nghi-quyet-20-2017-scan.pdf"
    answer = json.loads(path.with_name(path.name + ".expected.json").read_text("utf-8"))
    subject = segment(read(path, ocr_workers=1)).header.subject
    assert ";" not in subject and subject.count(",") == answer["header"]["subject"].count(",")
    typed = seg(["UBND TỈNH KIÊN GIANG", "SỞ Y TẾ", "Số: 155/TM-SYT", "THƯ MỜI", "Hội nghị góp ý; xây dựng chương trình"]
                + BODY)
    assert typed.header.subject == "Hội nghị góp ý; xây dựng chương trình"


# the opener of a scanned trích yếu as OCR reads it (nq-19-hdnd-ha-noi, qd-707-ttg, qd-1380-ttg of corpus/eval/dev)
@pytest.mark.parametrize("read,fixed", [
    ("và việc › quyết định chủ trương đầu tư Dự án", "Về việc quyết định chủ trương đầu tư Dự án"),
    ("Về việt ban hành Kế hoạch hành động quốc gia", "Về việc ban hành Kế hoạch hành động quốc gia"),
    ('ĐIỆN TỪ CHíwHPHủ | Về việc cấp Bằng "Tổ quốc ghi công"', 'Về việc cấp Bằng "Tổ quốc ghi công"'),
    # read right, other words, or a slip's word that is a word with the next: as read
    ("Về việc treo cờ Tổ quốc", "Về việc treo cờ Tổ quốc"),
    ("Về viên chức ngành y tế", "Về viên chức ngành y tế"),
    ("Về viện kiểm sát nhân dân", "Về viện kiểm sát nhân dân"),
    ("Về Việt Nam", "Về Việt Nam"),
    ("Về vấn đề an ninh", "Về vấn đề an ninh"),
    ("Bãi bỏ một phần khoản 2 Điều 1", "Bãi bỏ một phần khoản 2 Điều 1"),
])
def test_ocr_opener_of_a_subject(read, fixed):
    from pipeline.segment.header import ocr_opener

    assert ocr_opener(read) == fixed
