"""Build Documents from line lists for the segmentation tests (no file needed)."""
from __future__ import annotations

from pipeline.model import Document, Line, Page
from pipeline.segment import segment


def document(*pages: list[str]) -> Document:
    """Each argument is one page: a list of lines as a plain-text export gives them."""
    built = []
    for number, lines in enumerate(pages, start=1):
        built.append(Page(number, tuple(Line(" ".join(t.split()), number) for t in lines if t.strip()), "plain"))
    return Document("test.txt", "0" * 64, "text", tuple(built), "plain")


def seg(*pages: list[str]):
    return segment(document(*pages))


# A body long enough to give the "full line" yardstick its width.
BODY = [
    "Thực hiện Công văn số 715/BCĐ-CAT ngày 06/3/2023 của Ban Chỉ đạo 138 tỉnh về",
    "việc báo cáo kết quả công tác phòng, chống tội phạm quý I/2023, Sở Thông tin và",
    "Truyền thông báo cáo kết quả công tác tuyên truyền như sau:",
    "1. Công tác chỉ đạo, triển khai thực hiện",
    "Trong quý I/2023, Sở Thông tin và Truyền thông đã xây dựng các văn bản định",
    "hướng tuyên truyền cho các cơ quan báo chí trên địa bàn tỉnh, Phòng Văn hóa và",
    "Thông tin các huyện, thành phố tuyên truyền công tác phòng, chống tội phạm.",
    "Trên đây là Báo cáo kết quả công tác tuyên truyền quý I/2023 của Sở Thông tin",
    "và Truyền thông./.",
]
