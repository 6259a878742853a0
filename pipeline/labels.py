"""Labels of a report's header fields and mention kinds, shared by `baocao extract` and `baocao show`
(here, not in archive/cli.py, so that `extract` does not import the archive and pandas)."""
from __future__ import annotations

from .i18n import N_

SHOW_FIELDS = (("doc_type", N_("type")), ("number", N_("number")), ("parent_agency", N_("parent agency")),
               ("agency", N_("agency")), ("place", N_("place")), ("date", N_("date")), ("subject", N_("subject")))
SHOW_KINDS = (("references", N_("references")), ("dates", N_("dates")), ("counts", N_("counts")),
              ("agencies", N_("agencies")), ("people", N_("people")))
# where a file's text came from (contract source.text_source), as `show` and `extract` print it
TEXT_SOURCES = {"text-layer": N_("text layer"), "ocr": N_("OCR"), "mixed": N_("text layer and OCR"),
                "legacy-converted": N_("converted from TCVN3/VNI"), "plain": N_("plain text")}
