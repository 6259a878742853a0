"""The grammars of the domain, one per thing, below every stage (read → segment → nlp → archive → draft
import them; they import none of those):

    symbols   document numbers (số, ký hiệu): 45/KH-UBND, 30/2020/NĐ-CP, 21-CT/TW; the "Số:" line
    codes     the code tables numbers are read with (document types, issuers)
    dates     dates and periods in running text ("quý I/2023", "từ ngày … đến …"); the header's place and date
    headings  section headings (I., 1., 1.1., a), Phần/Chương/Mục, Điều) and bullets
    pages     page-number lines ("- 2 -", "Trang 3/5")
    spans     non-overlapping spans (the finders' bookkeeping)

Periods as a value (a quarter, its code and label) are ``pipeline.period``."""
