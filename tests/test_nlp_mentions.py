"""Counts, agencies and people (pipeline.nlp.counts/agencies/people), one case per line.

Sentences from the seed report, the digital PDFs of corpus/real (cd-2003, cv-1668, cv-507, tb-11)
and the usual wording of Vietnamese administrative reports.
"""
import pytest

from pipeline.nlp.agencies import canonical_agency, find_agencies, tone_style
from pipeline.nlp.counts import find_counts
from pipeline.nlp.people import find_people

COUNTS = [
    ("đã đăng tải trên 30 tin, bài, kèm ảnh tuyên truyền", [(30, "trên", "tin, bài")]),
    ("ít nhất một lần/tháng; 100% phóng viên, các cơ quan", [(1, "ít nhất", "lần/tháng"), (100, None, "%")]),
    ("Chuẩn bị 60 bộ tài liệu báo cáo phát tại điểm cầu", [(60, None, "bộ tài liệu")]),
    ("hơn 100 người chết, 20 người bị thương", [(100, "hơn", "người"), (20, None, "người")]),
    ("thu hút gần 710.950 lượt khách du lịch", [(710950, "gần", "lượt khách")]),
    ("tổ chức 58 giải thể thao", [(58, None, "giải")]),
    ("(mỗi đơn vị 01 đại biểu – 13 đại biểu)", [(1, None, "đại biểu"), (13, None, "đại biểu")]),
    ("tổ chức 4.289 lượt người tham gia", [(4289, None, "lượt người")]),
    ("tổ chức hai buổi tuyên truyền cho 1.250 học sinh", [(2, None, "buổi"), (1250, None, "học sinh")]),
    ("tổng kinh phí 1,5 tỷ đồng", [(1.5e9, None, "đồng")]),
    ("hỗ trợ 500 triệu đồng", [(5e8, None, "đồng")]),
    ("tỷ lệ giải quyết đạt 95,5%", [(95.5, "đạt", "%")]),
    ("phát hiện gần 200 vụ", [(200, "gần", "vụ")]),
    ("thu hút khoảng 3.000 lượt người", [(3000, "khoảng", "lượt người")]),
    ("đăng hàng trăm tin bài", [(100, "hàng trăm", "tin bài")]),
    ("hơn hai mươi lăm cuộc", [(25, "hơn", "cuộc")]),
    ("treo 15 băng rôn, khẩu hiệu", [(15, None, "băng rôn, khẩu hiệu")]),
    ("xử lý 12 đối tượng", [(12, None, "đối tượng")]),
    # the unit is what is counted, not the words that describe it: units group across reports
    ("tổ chức trên 280 buổi tuyên truyền tại các xã", [(280, "trên", "buổi")]),
    ("tổ chức 35 buổi sinh hoạt chuyên đề về phòng, chống bạo lực gia đình", [(35, None, "buổi")]),
    ("phối hợp tổ chức 12 buổi chiếu phim lưu động phục vụ nhân dân", [(12, None, "buổi")]),
    ("tiến hành gần 40 cuộc kiểm tra công tác cải cách hành chính", [(40, "gần", "cuộc")]),
    ("tổ chức 229 cuộc thực tập phương án chữa cháy", [(229, None, "cuộc")]),
    ("tổ chức ít nhất 10 cuộc thi tìm hiểu pháp luật", [(10, "ít nhất", "cuộc")]),
    ("phát hiện, xử lý khoảng 200 đối tượng vi phạm pháp luật", [(200, "khoảng", "đối tượng")]),
    ("xảy ra 77 vụ cháy, làm 3 người chết", [(77, None, "vụ"), (3, None, "người")]),
    ("xảy ra 145 vụ tai nạn giao thông, làm chết 98 người", [(145, None, "vụ"), (98, None, "người")]),
    ("mở 11 lớp tập huấn nghiệp vụ cho 350 học viên", [(11, None, "lớp"), (350, None, "học viên")]),
    ("tổ chức gần 140 hội nghị phổ biến, giáo dục pháp luật", [(140, "gần", "hội nghị")]),
    ("phát sóng 120 chương trình phát thanh bằng tiếng dân tộc", [(120, None, "chương trình")]),
    ("thành lập hơn 870 đội dân phòng tại các thôn", [(870, "hơn", "đội")]),
    ("kiện toàn 1.250 tổ công nghệ số cộng đồng", [(1250, None, "tổ")]),
    ("tiếp nhận 48.120 hồ sơ trực tuyến, đạt 85%", [(48120, None, "hồ sơ"), (85, "đạt", "%")]),
    ("xây dựng 18 tủ sách pháp luật tại cơ sở", [(18, None, "tủ sách")]),
    ("chỉnh lý 320 mét giá tài liệu tồn đọng", [(320, None, "mét giá")]),
    ("thu giữ 1.520 gam ma túy tổng hợp", [(1520, None, "gam")]),
    ("cấp giấy chứng nhận cho 45 sản phẩm OCOP", [(45, None, "sản phẩm")]),
    ("hỗ trợ 1.200 hộ dân bị ảnh hưởng, 35 ngôi nhà bị sập", [(1200, None, "hộ"), (35, None, "ngôi nhà")]),
    ("rà soát 86 thủ tục hành chính thuộc thẩm quyền", [(86, None, "thủ tục hành chính")]),
    # known units written together are one unit; a number before the second makes two counts
    ("đã kiểm tra 47 cơ quan, đơn vị trên địa bàn", [(47, None, "cơ quan, đơn vị")]),
    ("tiếp nhận hơn 210 phản ánh, kiến nghị của người dân", [(210, "hơn", "phản ánh, kiến nghị")]),
    ("treo trên 300 băng rôn, khẩu hiệu, áp phích tại trụ sở", [(300, "trên", "băng rôn, khẩu hiệu, áp phích")]),
    ("đăng tải 30 tin, 12 bài và 5 phóng sự", [(30, None, "tin"), (12, None, "bài"), (5, None, "phóng sự")]),
    ("có 20 xã, thị trấn đạt chuẩn nông thôn mới", [(20, None, "xã, thị trấn")]),
    ("xử lý 12 vụ, bắt giữ 30 đối tượng", [(12, None, "vụ"), (30, None, "đối tượng")]),
    # money is counted in đồng, whatever scale word the report writes
    ("giá trị thiệt hại ước tính 69,1 tỷ đồng", [(69.1e9, None, "đồng")]),
    ("tổng vốn huy động hơn 460 tỷ đồng", [(460e9, "hơn", "đồng")]),
    ("kinh phí thực hiện khoảng 2.377 tỷ đồng", [(2377e9, "khoảng", "đồng")]),
    ("bố trí 850 triệu đồng cho công tác tuyên truyền", [(850e6, None, "đồng")]),
    ("xử phạt vi phạm hành chính 35.500.000 đồng", [(35.5e6, None, "đồng")]),
    # a four-digit number before a unit is a count, not a year; "cung cấp" is not "cấp 3"
    ("hỗ trợ gần 2060 hộ gia đình khắc phục hậu quả", [(2060, "gần", "hộ gia đình")]),
    ("rà soát, đơn giản hóa ít nhất 1940 thủ tục hành chính", [(1940, "ít nhất", "thủ tục hành chính")]),
    ("tiếp nhận 2015 hồ sơ đăng ký", [(2015, None, "hồ sơ")]),
    ("Toàn tỉnh cung cấp 157 dịch vụ công trực tuyến toàn trình", [(157, None, "dịch vụ công")]),
    ("đã cung cấp 1.200 tài liệu tuyên truyền", [(1200, None, "tài liệu")]),
    ("năm 2025 và 2024 tổ chức nhiều hoạt động", []),
    ("trong năm 2023, 3 tổ chức tôn giáo", []),
    ("so với cùng kỳ 2022 tăng 12 vụ", [(12, None, "vụ")]),
    # not counts
    ("Ban Chỉ đạo 138 tỉnh (Phòng PV01 - Công an tỉnh)", []),
    ("tầm nhìn đến năm 2030, tầm nhìn đến năm 2050", []),
    ("Công văn số 715/BCĐ-CAT", []),
    ("Nghị định 30 quy định", []),
    ("theo Điều 5 của Luật", []),
    ("trước 14 giờ ngày 08 tháng 10 năm 2025", []),
    ("Số điện thoại liên hệ: 0902231985; 0915933988", []),
    ("các đơn vị C06, C08, C10 thuộc Bộ Công an", []),
    ("một số cơ quan, một cách đồng bộ", []),
    ("Phòng Hội đàm, Tầng 2", []),
    ("quý I/2023 và 6 tháng đầu năm", []),
]


@pytest.mark.parametrize("sentence,expected", COUNTS, ids=[c[0][:50] for c in COUNTS])
def test_find_counts(sentence, expected):
    from pipeline.grammar.dates import find_dates

    taken = [d.span for d in find_dates(sentence)] + [a.span for a in find_agencies(sentence)]  # as extract() does
    got = [(c.value, c.qualifier, c.unit) for c in find_counts(sentence, exclude=taken)]
    assert got == [(float(v), q, u) for v, q, u in expected], sentence


AGENCIES = [
    ("Kính gửi: Ban Chỉ đạo 138 tỉnh (Phòng PV01 - Công an tỉnh).", ["Ban Chỉ đạo 138 tỉnh", "Phòng PV01", "Công an tỉnh"]),
    ("của Ban chỉ đạo 138 tỉnh về việc báo cáo", ["Ban Chỉ đạo 138 tỉnh"]),
    ("Sở Thông tin và Truyền thông báo cáo kết quả công tác", ["Sở Thông tin và Truyền thông"]),
    ("Phòng Văn hoá và Thông tin các huyện, thành phố", ["Phòng Văn hóa và Thông tin"]),
    ("hướng dẫn Trung tâm Văn hóa, Thể thao và Truyền thông biên tập", ["Trung tâm Văn hóa, Thể thao và Truyền thông"]),
    ("- Báo Lạng Sơn, Đài Phát thanh và Truyền hình tỉnh đã có báo cáo riêng.", ["Báo Lạng Sơn", "Đài Phát thanh và Truyền hình tỉnh"]),
    ("Phòng TTBCXB, VP", ["Phòng TTBCXB"]),
    ("Kính gửi: Sở Nội vụ tỉnh Lâm Đồng", ["Sở Nội vụ tỉnh Lâm Đồng"]),
    ("báo cáo UBND tỉnh (thông qua Sở Tài chính, Sở Kế hoạch và Đầu tư)", ["Ủy ban nhân dân tỉnh", "Sở Tài chính", "Sở Kế hoạch và Đầu tư"]),
    ("- Ủy ban Trung ương Mặt trận tổ Quốc Việt Nam;", ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]),
    ("- Tòa án nhân dân tối cao;", ["Tòa án nhân dân tối cao"]),
    ("Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam", ["Đài Truyền hình Việt Nam", "Đài Tiếng nói Việt Nam", "Thông tấn xã Việt Nam"]),
    ("đại diện lãnh đạo một số đơn vị thuộc Bộ Y tế: Cục Phòng bệnh", ["Bộ Y tế", "Cục Phòng bệnh"]),
    ("Phó Chủ tịch UBND tỉnh Võ Phiên chủ trì họp", ["Ủy ban nhân dân tỉnh"]),
    ("Thủ tướng Chính phủ Phạm Minh Chính chủ trì", ["Chính phủ"]),
    ("Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi", ["Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi"]),
    ("Ủy ban nhân dân tỉnh Thừa Thiên Huế", ["Ủy ban nhân dân tỉnh Thừa Thiên Huế"]),
    ("SỞ TƯ PHÁP", ["Sở Tư pháp"]),
    ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", ["Sở Thông tin và Truyền thông"]),
    ("Uỷ ban nhân dân tỉnh Khánh Hoà", ["Ủy ban nhân dân tỉnh Khánh Hòa"]),
    # not agencies
    ("Báo cáo kết quả tuyên truyền; Hội nghị triển khai; Ban hành kế hoạch", []),
    ("- Lãnh đạo Sở;", []),
    ("Phòng, chống tội phạm; phòng chống ma túy", []),
    ("BÁO CÁO", []),
]


@pytest.mark.parametrize("sentence,expected", AGENCIES, ids=[a[0][:50] for a in AGENCIES])
def test_find_agencies(sentence, expected):
    got = find_agencies(sentence)
    assert [a.name for a in got] == expected, sentence
    for a in got:
        assert sentence[a.span[0]:a.span[1]] == a.text


@pytest.mark.parametrize("written,canonical", [
    ("Ban chỉ đạo 138 tỉnh", "Ban Chỉ đạo 138 tỉnh"),
    ("UBND tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn"),
    ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "Ủy ban nhân dân tỉnh Lạng Sơn"),
    ("CÔNG AN TỈNH", "Công an tỉnh"),
    ("Phòng Văn hoá và Thông tin", "Phòng Văn hóa và Thông tin"),
    ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    # "Xã hội" is no commune, "Tỉnh ủy" no province: their capitals stay as written (corpus/eval/dev: tt-08-2023,
    # tt-09-2020 and tt-11-2020 of the Bộ Lao động - Thương binh và Xã hội; kh-3070's "Tỉnh uỷ Thanh Hoá")
    ("Bộ Lao động - Thương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội"),
    ("Sở Lao động - Thương binh và Xã hội tỉnh Đắk Nông", "Sở Lao động - Thương binh và Xã hội tỉnh Đắk Nông"),
    ("Tỉnh uỷ Thanh Hoá", "Tỉnh ủy Thanh Hóa"),
    ("Thường trực Tỉnh ủy", "Thường trực Tỉnh ủy"),  # Nơi nhận of ct-09-2009, nq-33-2022, qd-07-2025
    # but a locality before a place named "Hội …" is one (thị xã Hội An, Quảng Nam; phường Hội Hợp, Vĩnh Yên; xã Hội
    # Hoan, Văn Lãng, Lạng Sơn)
    ("Ủy ban nhân dân thị xã Hội An", "Ủy ban nhân dân thị xã Hội An"),
    ("Ủy ban nhân dân Phường Hội Hợp", "Ủy ban nhân dân phường Hội Hợp"),
    ("Ủy ban nhân dân Xã Hội Hoan", "Ủy ban nhân dân xã Hội Hoan"),
    ("Hội đồng nhân dân Thị xã Hội An", "Hội đồng nhân dân thị xã Hội An"),
])
def test_canonical_agency(written, canonical):
    assert canonical_agency(written) == canonical


@pytest.mark.parametrize("old,new", [("Văn hoá", "Văn hóa"), ("thuỷ lợi", "thủy lợi"), ("Uỷ ban", "Ủy ban"),
                                     ("quý I", "quý I"), ("hoà bình", "hòa bình"), ("khoẻ", "khỏe")])
def test_tone_style(old, new):
    assert tone_style(old) == new


PEOPLE = [
    ("Ngày 03/01/2025, Phó Chủ tịch UBND tỉnh Võ Phiên chủ trì họp", [("Võ Phiên", "Phó Chủ tịch UBND tỉnh")]),
    ("Hội nghị do Thủ tướng Chính phủ Phạm Minh Chính chủ trì.", [("Phạm Minh Chính", "Thủ tướng Chính phủ")]),
    ("Đồng chủ trì Hội nghị có Phó Thủ tướng Chính phủ Lê Thành Long.", [("Lê Thành Long", "Phó Thủ tướng Chính phủ")]),
    ("đồng chí Nguyễn Ngọc Phúc - Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh kết luận",
     [("Nguyễn Ngọc Phúc", "Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh")]),
    ("đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh dự", [("Nguyễn Văn An", "Phó Chủ tịch UBND tỉnh")]),
    ("- VPCP: BTCN, PCN Đỗ Ngọc Huỳnh;", []),
    ("ông Trần Văn Bình phát biểu", [("Trần Văn Bình", None)]),
    ("Giám đốc Công an tỉnh Lâm Đồng", []),
    ("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố", []),
    # the honorifics are positions.tsv's: academic titles were left out before (a news page of a university)
    ("Phát biểu tại Hội thảo, TS. Nguyễn Văn Thiên đã đánh giá cao", [("Nguyễn Văn Thiên", None)]),
    ("Tham dự Lễ ký có PGS.TS Đặng Hoài Bắc, Giám đốc Học viện, TS. Nguyễn Trung Kiên, Phó Giám đốc Học viện",
     [("Đặng Hoài Bắc", "Giám đốc"), ("Nguyễn Trung Kiên", "Phó Giám đốc")]),
    ("số điện thoại cá nhân của Đ/c Nguyễn Hoàng Thắng - Phó Bí thư Đoàn phường, đầu mối nhận bài thi",
     [("Nguyễn Hoàng Thắng", "Phó Bí thư")]),
]


@pytest.mark.parametrize("sentence,expected", PEOPLE, ids=[p[0][:50] for p in PEOPLE])
def test_find_people(sentence, expected):
    assert [(p.name, p.role) for p in find_people(sentence)] == expected, sentence
