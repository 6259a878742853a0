"""The web app of `baocao serve` (Flask, server-rendered Jinja2 templates, a little plain JS).

Every request opens the archive itself (read-only unless it writes) and closes it, so the app
works while an ingest writes the same archive (SQLite WAL). Every string from a document is
untrusted: templates autoescape, nothing from a document is marked safe, and the Content Security
Policy allows only the app's own script and style files. A POST needs the CSRF token of the page
it came from (a random token in a SameSite=Strict cookie, repeated in the form). No file system
path comes from a URL: page images are asked for by document id and page number.
"""
from __future__ import annotations

import hmac
import json
import os
import re
import secrets
import sqlite3
import tempfile
from urllib.parse import urlencode

from flask import Flask, Response, abort, current_app, g, redirect, render_template, request, url_for

from ..archive import corrections, queries, store
from ..errors import BaocaoError, UsageError
from .. import i18n
from ..i18n import warning_codes
from ..text import fold
from . import format as fmt
from .render import ZOOMS, NoImage, Renderer

CSRF_COOKIE = "baocao_csrf"
NAME_COOKIE = "baocao_name"
PAGE_SIZE = 50
CITED_PAGE = 100  # cited documents per page of the citations of a quarter (most cited first)
MAX_QUERY = 200
_QUARTER = re.compile(r"^\d{4}Q[1-4]$")


def gettext(message: str) -> str:
    """A message in the language of the app serving this request (its catalogue, pipeline.i18n)."""
    return current_app.extensions["baocao_translation"].gettext(message)


def create_app(db: str, *, read_only: bool = False, allowed_hosts: set[str] | None = None,
               language: str | None = None) -> Flask:
    """language: "vi" or "en" (None: the one chosen by --lang or LANG, Vietnamese by default)."""
    app = Flask(__name__)
    app.config.update(DB=str(db), READ_ONLY=bool(read_only), MAX_CONTENT_LENGTH=64 * 1024,
                      ALLOWED_HOSTS=allowed_hosts)
    app.jinja_env.autoescape = True  # (Flask's default for .html; said here because it matters)
    language = "en" if str(language or i18n.language()).lower().startswith("en") else "vi"
    translation = i18n.translation_for(language)
    app.extensions.update(baocao_translation=translation, baocao_language=language)
    # the templates' words are messages of the same catalogue: {{ _("Search") }}, {{ _("page %(page)s", page=p) }}
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_translations(translation, newstyle=True)
    fmt.filters(app.jinja_env, language)
    renderer = Renderer()
    app.extensions["baocao_renderer"] = renderer

    # ---------------------------------------------------------------- per request

    def reader() -> sqlite3.Connection:
        if "conn" not in g:
            g.conn = store.connect(app.config["DB"], write=False)
        return g.conn

    @app.teardown_request
    def _close(exc):
        conn = g.pop("conn", None)
        if conn is not None:
            conn.close()

    @app.before_request
    def _guard():
        hosts = app.config["ALLOWED_HOSTS"]
        if hosts is not None and request.host.lower() not in hosts:
            abort(400)  # another site's name resolving to this address (DNS rebinding)
        token = request.cookies.get(CSRF_COOKIE)
        g.csrf = token if token and re.fullmatch(r"[A-Za-z0-9_-]{32,64}", token) else secrets.token_urlsafe(32)
        g.new_csrf = g.csrf != token
        if request.method == "POST":
            if app.config["READ_ONLY"]:
                return error_page(gettext("The server runs read-only (--read-only): nothing can be corrected."), 403)
            sent = request.form.get("csrf", "")
            if g.new_csrf or not sent or not hmac.compare_digest(sent, token):
                return error_page(gettext("The session is not valid (no CSRF token). Reload the page and try again."), 403)

    @app.after_request
    def _headers(resp: Response):
        if g.get("new_csrf"):
            resp.set_cookie(CSRF_COOKIE, g.csrf, httponly=True, samesite="Strict")
        resp.headers["Content-Security-Policy"] = (
            "default-src 'none'; img-src 'self'; style-src 'self'; script-src 'self'; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "same-origin"
        return resp

    @app.context_processor
    def _context():
        return {"csrf": g.get("csrf", ""), "read_only": app.config["READ_ONLY"], "lang": language,
                "author": request.cookies.get(NAME_COOKIE, "")[:80], "FIELDS": corrections.FIELDS}

    def error_page(message: str, status: int):
        return render_template("error.html", message=message), status

    @app.errorhandler(BaocaoError)
    def _baocao_error(e: BaocaoError):
        status = 400 if isinstance(e, UsageError) else 500
        return error_page(str(e), status)

    @app.errorhandler(404)
    def _not_found(e):
        return error_page(gettext("This page does not exist."), 404)

    @app.errorhandler(400)
    def _bad(e):
        return error_page(gettext("The request is not valid."), 400)

    # ---------------------------------------------------------------- search

    @app.get("/")
    def search():
        q = request.args.get("q", "")[:MAX_QUERY].strip()
        f = {k: request.args.get(k, "")[:MAX_QUERY].strip() for k in ("quarter", "year", "type", "issuer", "agency")}
        f["gone"] = "1" if request.args.get("gone") == "1" else ""
        page = _int(request.args.get("page"), 1, 1, 10_000)
        conn = reader()
        problems = []
        quarter = None
        if f["quarter"]:
            try:
                quarter = _quarter(f["quarter"])
            except UsageError:
                problems.append(gettext("Not a quarter: {value} (for example Q1/2023 or 2023Q1)").format(value=f["quarter"]))
        if f["year"] and not re.fullmatch(r"\d{4}", f["year"]):
            problems.append(gettext("Not a year: {value}").format(value=f["year"]))
            f["year"] = ""
        results, documents, more = [], [], False
        where, params = _filters(f, quarter)
        if q:
            words = re.findall(r"\w+", fold(q))
            if not words:
                problems.append(gettext("Type one or a few words to find."))
            else:
                limit = 400 if len(where) > 1 else 60
                df = queries.search(conn, q, limit=limit)
                ids = list(dict.fromkeys(int(i) for i in df["document_id"])) if not df.empty else []
                docs = _documents_by_id(conn, ids, where, params)
                by_doc: dict[int, dict] = {}
                for row in df.itertuples(index=False):
                    d = docs.get(int(row.document_id))
                    if d is None:
                        continue
                    entry = by_doc.setdefault(d["id"], {"doc": d, "hits": []})
                    if len(entry["hits"]) < 3:
                        entry["hits"].append({"parts": _highlight(row.snippet, row.match), "page": _page(row.page),
                                              "where": row.where})
                results = list(by_doc.values())
                more = len(results) > PAGE_SIZE * page
                results = results[PAGE_SIZE * (page - 1): PAGE_SIZE * page]
        else:
            sql = ("SELECT id, path, format, pages, doc_type, number, agency, parent_agency, date, subject, "
                   "period_label, period_start, period_end, gone FROM documents WHERE " + " AND ".join(where))
            sql += " ORDER BY id DESC LIMIT ? OFFSET ?"
            rows = conn.execute(sql, [*params, PAGE_SIZE + 1, PAGE_SIZE * (page - 1)]).fetchall()
            documents = [_doc_row(r) for r in rows[:PAGE_SIZE]]
            more = len(rows) > PAGE_SIZE
        total = conn.execute(f"SELECT COUNT(*) FROM documents WHERE {store.live()}").fetchone()[0]
        args = {k: v for k, v in {"q": q, **f}.items() if v}
        return render_template(
            "search.html", q=q, f=f, results=results, documents=documents, problems=problems, total=total,
            page=page, more=more, prev_url=_url(args, page - 1) if page > 1 else None,
            next_url=_url(args, page + 1) if more else None,
            types=_doc_types(),
        )

    # ---------------------------------------------------------------- one document

    @app.get("/doc/<int:doc_id>")
    def document(doc_id: int):
        conn = reader()
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
            abort(404)
        c = queries.get(conn, doc_id)
        src = c.get("source") or {}
        sizes = src.get("page_sizes") or []
        pages = src.get("pages") or 0
        has_images = src.get("format") in ("pdf", "image", "docx", "doc")
        boxed = src.get("format") in ("pdf", "image")

        def box(page, bbox):
            """A box as CSS percentages of its page image, or None."""
            if not boxed or not page or not bbox or page > len(sizes) or not sizes[page - 1]:
                return None
            w, h = sizes[page - 1]
            x0, top, x1, bottom = bbox
            pad = 2
            return {"page": page, "left": round(max(0, x0 - pad) / w * 100, 2), "top": round(max(0, top - pad) / h * 100, 2),
                    "width": round((x1 - x0 + 2 * pad) / w * 100, 2), "height": round((bottom - top + 2 * pad) / h * 100, 2)}

        prov = c.get("provenance") or {}
        header_boxes = {k: box(v.get("page"), v.get("bbox")) for k, v in (prov.get("header") or {}).items() if v}
        corrected = {x["field"]: x for x in c.get("corrections") or []}
        # a corrected field keeps the box of where its value is printed: what the reviewer checks against
        fields = []
        for key in ("doc_type", "number", "parent_agency", "agency", "place", "date", "subject", "period"):
            value = c["period"] if key == "period" else (c.get("header") or {}).get(key)
            shown = fmt.vn_period(value) if key == "period" else fmt.vn_date(value) if key == "date" else (value or "—")
            edit = (corrections.extracted_value(c, "period") if key == "period" else value) or ""
            if key == "date" and value:
                edit = fmt.vn_date(value)
            fields.append({"key": key, "label": fmt.field_label(key, gettext), "shown": shown, "edit": edit,
                           "missing": value in (None, ""), "box": header_boxes.get(key), "correction": corrected.get(key)})

        def boxes_of(key):
            return [box((b or {}).get("page"), (b or {}).get("bbox")) if b else None for b in prov.get(key) or []]

        recipients = list(zip(c["header"].get("recipients") or [], boxes_of("recipients") + [None] * 99))
        signers = list(zip(c.get("signers") or [], boxes_of("signers") + [None] * 99))
        distribution = list(zip(c.get("distribution") or [], boxes_of("distribution") + [None] * 99))
        # which signer parts and whether Nơi nhận were corrected (a tag beside them, like the header's)
        signer_corrected = {int(k.split(".")[1]) - 1 for k in corrected if corrections.signer_part(k)}
        mentions = {}
        for kind in ("references", "dates", "counts", "agencies", "people"):
            mentions[kind] = [(m, box(m.get("page"), m.get("bbox"))) for m in c.get(kind) or []]
        # what it cites: each reference, linked to the document when archived
        numbers = {store.normalise_number(r.get("number")) for r in c.get("references") or [] if r.get("number")}
        numbers.discard(None)
        archived = {}
        if numbers:
            marks = ",".join("?" * len(numbers))
            archived = {k: i for i, k in conn.execute(
                f"SELECT id, number_norm FROM documents WHERE number_norm IN ({marks}) AND {store.live()}", list(numbers))}
        cites = [(r, archived.get(store.normalise_number(r.get("number")))) for r in c.get("references") or []]
        cited_by = None
        if c["header"].get("number"):
            _, df = queries.cited_by(conn, c["header"]["number"])
            cited_by = [] if df.empty else df.to_dict(orient="records")
        files = _files(conn, doc_id)
        confidence = src.get("page_confidence") or []
        return render_template(
            "document.html", c=c, doc_id=doc_id, fields=fields, recipients=recipients, signers=signers,
            distribution=distribution, signer_corrected=signer_corrected,
            distribution_corrected=corrected.get("distribution"), mentions=mentions, cites=cites, cited_by=cited_by, files=files,
            pages=list(range(1, pages + 1)) if has_images else [], confidence=confidence,
            history=corrections.history(conn, doc_id), title=_title(c),
            text=_plain_text(c) if not has_images else None,
        )

    @app.get("/doc/<int:doc_id>/page/<int:page>.jpg")
    def page_image(doc_id: int, page: int):
        try:
            zoom = float(request.args.get("zoom", "1"))
        except ValueError:
            abort(400)
        if zoom not in ZOOMS or not 1 <= page <= 5000:
            abort(400)
        row = reader().execute("SELECT path, format, pages FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None or (row[2] and page > row[2] and row[1] in ("pdf", "image")):
            abort(404)
        try:
            data = renderer.page(row[0], row[1], page, zoom)
        except NoImage as e:
            return Response(str(e), status=404, mimetype="text/plain")
        resp = Response(data, mimetype="image/jpeg")
        resp.headers["Cache-Control"] = "private, max-age=300"
        return resp

    # ---------------------------------------------------------------- corrections

    @app.post("/doc/<int:doc_id>/correct")
    def correct(doc_id: int):
        field = request.form.get("field", "")
        author = request.form.get("author", "")[:80]
        note = request.form.get("note", "")[:2000]
        signer = re.fullmatch(r"signer\.([1-9][0-9]?)", field)
        conn = store.connect(app.config["DB"], write=True)
        try:
            if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
                abort(404)
            if signer:  # a signer's form: each of its parts that changed is a correction of its own
                current = queries.get(conn, doc_id).get("signers") or []
                at = int(signer.group(1)) - 1
                was = current[at] if at < len(current) else {}
                changed = [(part, request.form.get(part, "")[:500]) for part in corrections.SIGNER_PARTS
                           if corrections.parse_value(f"{field}.{part}", request.form.get(part, "")[:500]) != was.get(part)]
                if not changed:
                    raise UsageError(gettext("The signer is unchanged: nothing to correct."))
                for part, value in changed:
                    corrections.correct(conn, doc_id, f"{field}.{part}", value, note=note, author=author or None)
            else:
                corrections.correct(conn, doc_id, field, request.form.get("value", "")[:2000], note=note,
                                    author=author or None)
        finally:
            conn.close()
        anchor = "#signers" if signer else "#distribution" if field == "distribution" else "#fields"
        resp = redirect(url_for("document", doc_id=doc_id, saved=field) + anchor, code=303)
        if author:
            resp.set_cookie(NAME_COOKIE, author, samesite="Strict", max_age=365 * 86400)
        return resp

    @app.post("/corrections/<int:correction_id>/undo")
    def undo(correction_id: int):
        conn = store.connect(app.config["DB"], write=True)
        try:
            done = corrections.undo(conn, correction_id)
        finally:
            conn.close()
        back = request.form.get("back", "")
        if back == "list":
            return redirect(url_for("corrections_page"), code=303)
        return redirect(url_for("document", doc_id=done["document_id"]) + "#fields", code=303)

    @app.get("/corrections")
    def corrections_page():
        return render_template("corrections.html", history=corrections.history(reader())[:500])

    # ---------------------------------------------------------------- citations

    @app.get("/citations")
    def citations():
        quarter = request.args.get("quarter", "")[:20].strip()
        by = request.args.get("by", "period")
        if by not in ("period", "issue-date"):
            by = "period"
        page = _int(request.args.get("page"), 1, 1, 10_000)
        conn = reader()
        cited, problem, total = [], None, 0
        if quarter:
            try:
                code, start, end = _quarter(quarter)
                quarter = code
            except UsageError:
                problem = gettext("Not a quarter: {value} (for example Q1/2023 or 2023Q1)").format(value=quarter)
            else:
                total, cited = _cited_in(conn, start, end, by, page)
        args = {"quarter": quarter, "by": by}
        return render_template(
            "citations.html", quarter=quarter, by=by, cited=cited, problem=problem, quarters=_quarters(conn),
            total=total, first=CITED_PAGE * (page - 1) + 1,
            prev_url="/citations?" + urlencode({**args, "page": page - 1}) if page > 1 else None,
            next_url="/citations?" + urlencode({**args, "page": page + 1}) if total > CITED_PAGE * page else None)

    @app.get("/cited-by")
    def cited_by():
        number = request.args.get("number", "")[:100].strip()
        info, rows = None, []
        if number:
            info, df = queries.cited_by(reader(), number)
            rows = [] if df.empty else df.to_dict(orient="records")
        return render_template("cited_by.html", number=number, info=info, rows=rows)

    # ---------------------------------------------------------------- review queue

    @app.get("/review")
    def review():
        conn = reader()
        has_review_index = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'documents_review'").fetchone() is not None
        # a cursor, not fetchall: the queue stops at 300 documents (store.REVIEW is the partial index's test)
        rows = conn.execute(
            f"""SELECT id, path, format, doc_type, number, date, agency, ocr_pages, warnings, confidence FROM (
                  SELECT id, path, format, doc_type, number, date, agency, ocr_pages,
                         json_extract(contract, '$.warnings') AS warnings,
                         json_extract(contract, '$.source.page_confidence') AS confidence
                  FROM documents {"INDEXED BY documents_review" if has_review_index else ""}
                  WHERE {store.REVIEW} AND {store.live()} ORDER BY id DESC LIMIT 2000)""")
        items = []
        for r in rows:
            warnings = json.loads(r[8] or "[]")
            conf = [v for v in json.loads(r[9] or "[]") if v is not None]
            reasons = []
            if not r[4]:
                reasons.append(gettext("No number yet"))
            if r[5] is None:
                reasons.append(gettext("No issue date yet"))
            if any(warning_codes.is_handwriting(w) for w in warnings):
                reasons.append(gettext("Handwriting"))
            if conf and min(conf) < LOW_CONFIDENCE:
                reasons.append(gettext("Low OCR confidence ({score}/100)").format(score=f"{min(conf):.0f}"))
            if reasons:
                items.append({"id": r[0], "name": os.path.basename(r[1]), "doc_type": r[3], "number": r[4],
                              "date": r[5], "agency": r[6], "reasons": reasons})
            if len(items) >= 300:
                break
        rows.close()
        failures = queries.failures(conn).to_dict(orient="records")
        return render_template("review.html", items=items, failures=failures, groups=_doubtful_groups(conn),
                               merges=_possible_merges(conn))

    @app.post("/files/<int:file_id>/split")
    def split(file_id: int):
        conn = store.connect(app.config["DB"], write=True)
        try:
            if conn.execute("SELECT 1 FROM files WHERE id = ? AND gone = 0", (file_id,)).fetchone() is None:
                abort(404)
            with store.transaction(conn):
                doc_id = store.split_file(conn, file_id)
        finally:
            conn.close()
        return redirect(url_for("document", doc_id=doc_id, saved="split") + "#files", code=303)

    @app.post("/doc/<int:doc_id>/merge")
    def merge(doc_id: int):
        other_ref = request.form.get("other", "")[:200].strip()
        conn = store.connect(app.config["DB"], write=True)
        try:
            if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
                abort(404)
            other = queries.find_document(conn, other_ref) if other_ref else None
            if other is None:
                raise UsageError(gettext("No document “{ref}” in the archive: type its id, or its number and symbol.").format(ref=other_ref))
            if other == doc_id:
                raise UsageError(gettext("That is this very document: nothing to merge."))
            with store.transaction(conn):
                doc_id = store.merge_documents(conn, doc_id, other)
        finally:
            conn.close()
        return redirect(url_for("document", doc_id=doc_id, saved="merge") + "#files", code=303)

    @app.post("/doc/<int:doc_id>/apart")
    def keep_apart(doc_id: int):
        """The review queue's "not one document": the pair is not offered again (nor grouped)."""
        other = _int(request.form.get("other"), 0, 0, 2**62)
        conn = store.connect(app.config["DB"], write=True)
        try:
            found = conn.execute("SELECT COUNT(*) FROM documents WHERE id IN (?, ?)", (doc_id, other)).fetchone()[0]
            if other == doc_id or found != 2:
                abort(404)
            with store.transaction(conn):
                store.keep_apart(conn, doc_id, other)
        finally:
            conn.close()
        return redirect(url_for("review", saved="apart") + "#merges", code=303)

    # ---------------------------------------------------------------- draft

    @app.get("/draft")
    def draft():
        conn = reader()
        reports = conn.execute(
            "SELECT id, number, path, period_label, period_start, period_end, agency FROM documents "
            f"WHERE period_start IS NOT NULL AND {store.live()} ORDER BY period_start DESC, id DESC LIMIT 300"
        ).fetchall()
        options = [{"id": r[0], "label": f"{r[1] or os.path.basename(r[2])} — {fmt.vn_period({'start': r[4], 'end': r[5], 'label': r[3]})}"
                    + (f" — {r[6]}" if r[6] else "")} for r in reports]
        return render_template("draft.html", options=options, doc=request.args.get("doc", ""),
                               period=request.args.get("period", ""))

    @app.get("/draft/download")
    def draft_download():
        from ..draft.compose import compose, previous_period
        from ..draft.library import archived_documents
        from ..draft.period import parse_period

        doc_id = _int(request.args.get("doc"), 0, 0, 10**12)
        what = request.args.get("what", "docx")
        if what not in ("docx", "xlsx", "md"):
            abort(400)
        try:
            period = parse_period(request.args.get("period", "")[:40])
        except UsageError as e:  # pipeline.period's one line: what was not understood, and how to write it
            return error_page(str(e), 400)
        conn = reader()
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
            abort(404)
        previous = queries.get(conn, doc_id)
        library = archived_documents(app.config["DB"], previous_period(previous), period)
        made = compose(previous, period, library)
        with tempfile.TemporaryDirectory(prefix="baocao-draft-") as tmp:
            if what == "xlsx":
                from ..draft.figures import write_figures

                out = write_figures(made, os.path.join(tmp, "so-lieu.xlsx"))
                mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            elif what == "md":
                from ..draft.markdown import write_markdown

                out = write_markdown(made, os.path.join(tmp, "du-thao.md"))
                mime = "text/markdown; charset=utf-8"
            else:
                from ..draft.docx_writer import write_docx

                out = write_docx(made, os.path.join(tmp, "du-thao.docx"))
                mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            with open(out, "rb") as fh:
                data = fh.read()
        name = f"du-thao-{period.code}.{what}" if what != "xlsx" else f"so-lieu-{period.code}.xlsx"
        resp = Response(data, mimetype=mime)
        resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return resp

    return app


LOW_CONFIDENCE = 70


# --------------------------------------------------------------------------- helpers


def _quarter(text: str) -> tuple[str, str, str]:
    """A quarter as people write it (quý I/2023, Q1/2023, 2023Q1 …) -> (code, first day, last day)."""
    from ..archive.cli import quarter_code

    return queries.parse_quarter(quarter_code(text))


def _int(text, default: int, low: int, high: int) -> int:
    try:
        value = int(text)
    except (TypeError, ValueError):
        return default
    return min(max(value, low), high)


def _s(value):
    return value if isinstance(value, str) and value else None


def _page(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _url(args: dict, page: int) -> str:
    return "/?" + urlencode({**args, "page": page})


def _filters(f: dict, quarter) -> tuple[list[str], list]:
    """SQL conditions on ``documents`` for the search page's filters; documents whose files are all
    gone only with the "gone" box ticked (``store.live``, as every query)."""
    where, params = [store.live(include_gone=bool(f.get("gone")))], []
    if quarter:
        _, start, end = quarter
        where.append("((period_start <= ? AND period_end >= ?) OR (period_start IS NULL AND date BETWEEN ? AND ?))")
        params += [end, start, start, end]
    if f["year"]:
        y = f["year"]
        where.append("((period_start <= ? AND period_end >= ?) OR (period_start IS NULL AND substr(date, 1, 4) = ?))")
        params += [f"{y}-12-31", f"{y}-01-01", y]
    if f["type"]:
        where.append("fold(doc_type) = ?")
        params.append(" ".join(fold(f["type"]).split()))
    if f["issuer"]:
        where.append("(fold(agency) LIKE ? ESCAPE '\\' OR fold(parent_agency) LIKE ? ESCAPE '\\')")
        params += [queries.like_pattern(f["issuer"]), queries.like_pattern(f["issuer"])]
    if f["agency"]:
        where.append("id IN (SELECT document_id FROM agencies WHERE fold(name) LIKE ? ESCAPE '\\')")
        params.append(queries.like_pattern(f["agency"]))
    return where, params


_DOC_COLUMNS = ("id", "path", "format", "pages", "doc_type", "number", "agency", "parent_agency", "date", "subject",
                "period_label", "period_start", "period_end", "gone")


def _doc_row(r) -> dict:
    d = dict(zip(_DOC_COLUMNS, r))
    d["name"] = os.path.basename(d["path"])
    d["period"] = {"label": d["period_label"], "start": d["period_start"], "end": d["period_end"]} if d["period_start"] else None
    return d


def _documents_by_id(conn, ids: list[int], where: list[str], params: list) -> dict[int, dict]:
    if not ids:
        return {}
    out = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        sql = f"SELECT {', '.join(_DOC_COLUMNS)} FROM documents WHERE id IN ({','.join('?' * len(chunk))})"
        if where:
            sql += " AND " + " AND ".join(where)
        for r in conn.execute(sql, [*chunk, *params]):
            out[r[0]] = _doc_row(r)
    return out


def _highlight(snippet: str, match: str) -> list[tuple[str, bool]]:
    """The snippet as (text, highlighted) parts; the match stands between « » in it."""
    marked = f"«{' '.join(match.split())}»"
    at = snippet.find(marked)
    if at < 0:
        return [(snippet, False)]
    return [(snippet[:at], False), (snippet[at + 1: at + len(marked) - 1], True), (snippet[at + len(marked):], False)]


def _cited_in(conn, start: str, end: str, by: str, page: int) -> tuple[int, list[dict]]:
    """The documents cited by the reports of start..end (reporting period overlapping it, or issued
    in it), most cited first: how many, and one page of them with up to 8 citing reports each.
    The same selection as queries.citations, aggregated in SQL: the page shows distinct documents,
    and turning 11,000 citation rows of a quarter into a DataFrame first costs most of a second."""
    when = ("d.period_start <= ? AND d.period_end >= ?", (end, start)) if by == "period" else \
        ("d.date BETWEEN ? AND ?", (start, end))
    counts = conn.execute(
        f"""SELECT r.cited_id, COUNT(DISTINCT d.id) FROM documents d
            CROSS JOIN reference_mentions r ON r.document_id = d.id
            WHERE r.cited_id IS NOT NULL AND {when[0]} AND {store.live("d")} GROUP BY r.cited_id""", when[1]).fetchall()
    if not counts:
        return 0, []
    counts.sort(key=lambda c: (-c[1], c[0]))  # most cited first (then as first archived)
    chosen = counts[CITED_PAGE * (page - 1): CITED_PAGE * page]
    if not chosen:
        return len(counts), []
    info = {row[0]: row for row in conn.execute(
        f"SELECT id, type, number, title, display, key FROM cited_documents WHERE id IN ({','.join('?' * len(chosen))})",
        [i for i, _ in chosen])}
    marks = ",".join("?" * len(chosen))
    wanted = [i for i, _ in chosen]
    citing: dict[int, list] = {}
    details: dict[int, list] = {}
    for cited_id, doc_id, number, path, date, issuer in conn.execute(
            f"""SELECT r.cited_id, d.id, d.number, d.path, r.date, r.issuer FROM documents d
                CROSS JOIN reference_mentions r ON r.document_id = d.id
                WHERE r.cited_id IN ({marks}) AND {when[0]} AND {store.live("d")}
                ORDER BY COALESCE(d.period_start, d.date), d.id""",
            (*wanted, *when[1])):
        known = details.setdefault(cited_id, [None, None])  # the first date and issuer a citation gives
        known[0] = known[0] or date
        known[1] = known[1] or issuer
        got = citing.setdefault(cited_id, [])
        if len(got) < 8 and all(g["id"] != doc_id for g in got):
            got.append({"id": doc_id, "label": queries.document_label(number, path)})
    keys = [info[i][5][2:] for i in wanted if info[i][5].startswith("N:")]
    archived = {}
    if keys:
        archived = {k: i for i, k in conn.execute(
            f"SELECT id, number_norm FROM documents WHERE number_norm IN ({','.join('?' * len(keys))}) AND {store.live()} "
            "ORDER BY id DESC", keys)}
    out = []
    for cited_id, n in chosen:
        _, type_, number, title, display, key = info[cited_id]
        date, issuer = details.get(cited_id, (None, None))
        out.append({"type": type_, "number": number, "title": title if title else (None if number else display),
                    "date": date, "issuer": issuer, "count": n, "citing": citing.get(cited_id, []),
                    "archived": archived.get(key[2:]) if key.startswith("N:") else None})
    return len(counts), out


def _doc_types() -> list[str]:
    """The document types the segmenter knows (Decree 30's, sentence case): the type filter's choices
    (a GROUP BY over the archive's documents would read every row: half a second on 100,000)."""
    from ..segment.cues import doc_types

    return list(dict.fromkeys(t.name for t in doc_types()))


def _files(conn, doc_id: int) -> list[dict]:
    """The document's files: rows of ``files`` when the archive keeps them apart (a scan and a signed
    PDF of one document), else the document's own file."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'files'").fetchone():
        rows = conn.execute(
            "SELECT path, format, pages, size, sha256, archived_at, gone, id FROM files WHERE document_id = ? ORDER BY id",
            (doc_id,)).fetchall()
    else:
        rows = conn.execute(
            "SELECT path, format, pages, size, sha256, ingested_at, 0, NULL FROM documents WHERE id = ?", (doc_id,)).fetchall()
    return [{"name": os.path.basename(r[0]), "path": r[0], "format": r[1], "pages": r[2], "size": r[3], "sha256": r[4],
             "ingested_at": r[5], "present": not r[6] and os.path.exists(r[0]), "gone": bool(r[6]), "id": r[7]}
            for r in rows]


def _doubtful_groups(conn, limit: int = 100) -> list[dict]:
    """Documents in several files that may be a wrong grouping: some file is held to the others only by
    a text similarity close above the bar (grouping.doubtful), newest first."""
    from ..archive import grouping

    has_index = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'documents_grouped'").fetchone() is not None
    doc_ids = [i for (i,) in conn.execute(
        f"SELECT id FROM documents {'INDEXED BY documents_grouped' if has_index else ''} "
        f"WHERE {store.GROUPED} AND {store.live()} ORDER BY id DESC LIMIT 2000")]
    decided = store.decisions(conn) if doc_ids else {}
    out = []
    for doc_id in doc_ids:
        ids = [i for (i,) in conn.execute("SELECT id FROM files WHERE document_id = ? AND gone = 0", (doc_id,))]
        facts = store.file_facts(conn, ids)
        weak = grouping.doubtful([facts[i] for i in sorted(ids)], decided)
        if not weak:
            continue
        number, path, doc_type = conn.execute("SELECT number, path, doc_type FROM documents WHERE id = ?", (doc_id,)).fetchone()
        out.append({"id": doc_id, "number": number, "doc_type": doc_type, "name": os.path.basename(path),
                    "files": [{"id": f["id"], "name": os.path.basename(f["path"]), "score": f["score"], "bar": f["bar"],
                               "kind": f["kind"]} for f in weak]})
        if len(out) >= limit:
            break
    return out


def _possible_merges(conn, limit: int = 100) -> list[dict]:
    """Pairs of documents that may be one although they were not grouped (store.possible_merges),
    each with what the page shows of both."""
    merges = store.possible_merges(conn, limit)
    ids = sorted({m[k] for m in merges for k in ("a", "b")})
    shown = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for doc_id, number, path, doc_type, date in conn.execute(
                f"SELECT id, number, path, doc_type, date FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            shown[doc_id] = {"id": doc_id, "number": number, "name": os.path.basename(path), "doc_type": doc_type,
                             "date": date}
    return [{**m, "first": shown[m["a"]], "second": shown[m["b"]]} for m in merges if m["a"] in shown and m["b"] in shown]


def _title(c: dict) -> str:
    h = c.get("header") or {}
    name = os.path.basename((c.get("archive") or {}).get("path") or c["source"].get("path") or "")
    if h.get("number"):
        return gettext("{type} no. {number}").format(type=h.get("doc_type") or gettext("Document"), number=h["number"])
    return gettext("{type} ({name})").format(type=h.get("doc_type") or gettext("Document"), name=name)


def _plain_text(c: dict) -> str:
    parts = [c.get("opening") or ""]

    def walk(items):
        for s in items:
            parts.append(((s.get("number") or "") + " " + (s.get("title") or "")).strip())
            parts.append(s.get("text") or "")
            walk(s.get("children") or [])

    walk(c.get("sections") or [])
    parts.append(c.get("closing") or "")
    return "\n\n".join(p for p in parts if p)


def _quarters(conn) -> list[str]:
    rows = conn.execute(
        f"SELECT DISTINCT substr(period_start, 1, 7) FROM documents WHERE period_start IS NOT NULL AND {store.live()} "
        "ORDER BY 1 DESC LIMIT 200"
    ).fetchall()
    out = []
    for (ym,) in rows:
        code = queries.quarter_of(ym + "-01")
        if code and code not in out:
            out.append(code)
    return out[:24]
