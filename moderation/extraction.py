"""Text of attached documents, with where each piece of text is, for the
personal-data screening. Every format an attachment may have is read by a
maintained reader: pypdf (PDF), python-docx (DOCX), openpyxl (XLSX), xlrd
(XLS), Debian's catdoc (DOC), Python's zipfile with defusedxml (OFD, which
is XML in a ZIP container; ZIP), and text decoding for CSV and TXT in any
common Chinese encoding (UTF-8 with or without BOM, UTF-16, GB18030/GBK,
Big5).

A file that cannot be read, a format no reader here knows, and every limit
reached are reported as problems, never passed silently: a problem, like a
finding, allows only an approval with a justification.

Work is bounded per attachment by `Limits`: nesting depth of archives,
number of archive members, bytes read out of archives in total and per
member, and characters of text."""

import contextlib
import io
import os
import resource
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field

import docx
import xlrd
from charset_normalizer import from_bytes
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from pypdf import PdfReader


@dataclass(frozen=True)
class TextPart:
    location: str
    text: str
    # Set when the text cannot be checked but looks like personal data, e.g.
    # an 18-digit ID number typed into a spreadsheet as a number (which keeps
    # only 15 significant digits, so its checksum is lost).
    suspect: str = ""


@dataclass(frozen=True)
class Limits:
    depth: int = 3  # archives inside archives inside the attachment
    members: int = 1000  # archive members, all levels together
    member_bytes: int = 64 * 1024 * 1024  # one member, uncompressed
    total_bytes: int = 256 * 1024 * 1024  # everything read out of archives
    text_chars: int = 20_000_000  # text extracted from the attachment
    seconds: int = 60  # one external reader (catdoc) run


DEFAULT_LIMITS = Limits()
# How many files were read so far in this process (tests assert that a
# request read none).
WORK = {"files": 0}


class UnreadableAttachment(Exception):
    pass


@dataclass
class Extraction:
    """What was read from one attachment: its text parts, and the problems
    (unreadable parts, limits reached) that must not pass silently."""

    parts: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    limits: Limits = DEFAULT_LIMITS
    members: int = 0
    bytes_read: int = 0
    chars: int = 0
    stopped: bool = False

    def add(self, location, text, suspect=""):
        if self.stopped:
            return
        if self.chars + len(text) > self.limits.text_chars:
            self.stopped = True
            self.problems.append(
                _(
                    "Stopped at %(location)s: the text exceeds the limit of %(limit)s characters; the rest was not checked."
                )
                % {"location": location, "limit": f"{self.limits.text_chars:,}"}
            )
            return
        self.chars += len(text)
        self.parts.append(TextPart(location, text, suspect))


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def extract(name, data, limits=DEFAULT_LIMITS):
    """Extraction of the file `name` (its extension decides the format)."""
    WORK["files"] += 1
    result = Extraction(limits=limits)
    _read_into(result, name, "", data, depth=0)
    return result


def extract_parts(name, data):
    """[TextPart] of the file `name`; raises UnreadableAttachment when any
    part of it could not be read or a limit was reached."""
    result = extract(name, data)
    if result.problems:
        raise UnreadableAttachment("；".join(result.problems))
    return result.parts


def _read_into(result, name, prefix, data, depth):
    extension = extension_of(name)
    reader = READERS.get(extension)
    where = prefix or name
    if reader is None:
        result.problems.append(
            _("%(where)s: the format “.%(extension)s” cannot be read here, so it was not checked.")
            % {"where": where, "extension": extension or "?"}
        )
        return
    try:
        if extension == "zip":
            _zip(result, name, prefix, data, depth)
        else:
            for location, text, suspect in reader(data, result.limits):
                result.add(_join(prefix, location), text, suspect)
                if result.stopped:
                    return
    except Exception as error:  # a broken file must block, not pass
        result.problems.append(
            _("%(where)s could not be read for screening: %(error)s")
            % {"where": where, "error": error or type(error).__name__}
        )


def _join(prefix, location):
    if prefix and location:
        return f"{prefix}，{location}"
    return prefix or location


def _pdf(data, limits):

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise UnreadableAttachment(_("the PDF is encrypted"))
    for number, page in enumerate(reader.pages, start=1):
        yield _("page %(page)s") % {"page": number}, page.extract_text() or "", ""


def _docx(data, limits):

    document = docx.Document(io.BytesIO(data))
    for number, paragraph in enumerate(document.paragraphs, start=1):
        if paragraph.text.strip():
            yield _("paragraph %(n)s") % {"n": number}, paragraph.text, ""
    for t_number, table in enumerate(document.tables, start=1):
        for r_number, row in enumerate(table.rows, start=1):
            text = " | ".join(cell.text for cell in row.cells)
            if text.strip(" |"):
                yield _("table %(table)s, row %(row)s") % {"table": t_number, "row": r_number}, text, ""
    for section in document.sections:
        for part in (section.header, section.footer):
            text = "\n".join(paragraph.text for paragraph in part.paragraphs)
            if text.strip():
                yield _("header or footer"), text, ""


def _number_cell(value):
    """(text, suspect) of a numeric cell."""
    number = int(value) if float(value).is_integer() else None
    if number is not None and 10**17 <= number < 10**18:
        return str(number), "id_number_unverifiable"
    return (str(number) if number is not None else str(value)), ""


def _cell_location(sheet, coordinate):
    return _("sheet %(sheet)s, cell %(cell)s") % {"sheet": sheet, "cell": coordinate}


def _xlsx(data, limits):

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None:
                        continue
                    location = _cell_location(sheet.title, cell.coordinate)
                    if isinstance(value, (int, float)) and not isinstance(value, bool):
                        text, suspect = _number_cell(value)
                    else:
                        text, suspect = str(value), ""
                    yield location, text, suspect
    finally:
        workbook.close()


def _xls(data, limits):

    workbook = xlrd.open_workbook(file_contents=data, on_demand=True)
    try:
        for sheet in workbook.sheets():
            for row_index in range(sheet.nrows):
                for column_index, cell in enumerate(sheet.row(row_index)):
                    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        continue
                    coordinate = f"{xlrd.formula.colname(column_index)}{row_index + 1}"
                    location = _cell_location(sheet.name, coordinate)
                    if cell.ctype == xlrd.XL_CELL_NUMBER:
                        text, suspect = _number_cell(cell.value)
                    else:
                        text, suspect = str(cell.value), ""
                    yield location, text, suspect
    finally:
        workbook.release_resources()


def _doc(data, limits):
    """Word 97–2003: Debian's catdoc, in a subprocess with a time and
    memory limit."""
    if not (data.startswith(OLE_SIGNATURE) or data.startswith(b"{\\rtf")):
        raise UnreadableAttachment(_("not a Word 97–2003 document"))
    catdoc = shutil.which("catdoc")
    if catdoc is None:
        raise UnreadableAttachment(_("no reader for .doc is installed on the server (Debian package catdoc)"))
    with tempfile.NamedTemporaryFile(suffix=".doc") as handle:
        handle.write(data)
        handle.flush()
        try:
            completed = subprocess.run(
                [catdoc, "-d", "utf-8", "-w", handle.name],
                capture_output=True,
                timeout=limits.seconds,
                preexec_fn=_limit_memory,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise UnreadableAttachment(
                _("reading took longer than %(seconds)s s") % {"seconds": limits.seconds}
            ) from error
    if completed.returncode != 0:
        raise UnreadableAttachment(completed.stderr.decode("utf-8", "replace").strip() or _("catdoc failed"))
    text = completed.stdout.decode("utf-8", "replace")
    for number, paragraph in enumerate((p for p in text.split("\n\n") if p.strip()), start=1):
        yield _("paragraph %(n)s") % {"n": number}, paragraph, ""


OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


def _limit_memory():  # pragma: no cover - runs in the child process

    limit = 1024 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _ofd(data, limits):
    """OFD (GB/T 33190): a ZIP of XML; the text is in the TextCode elements
    of each page's Content.xml."""

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        pages = sorted(
            (info for info in archive.infolist() if info.filename.lower().endswith("content.xml")),
            key=lambda info: info.filename,
        )
        if not pages:
            raise UnreadableAttachment(_("no page content found in the OFD file"))
        for number, info in enumerate(pages, start=1):
            if info.file_size > limits.member_bytes:
                raise UnreadableAttachment(_("a page of the OFD file is larger than the limit"))
            root = fromstring(_read_member(archive, info, limits.member_bytes))
            text = "".join(element.text or "" for element in root.iter() if element.tag.endswith("TextCode"))
            yield _("page %(page)s") % {"page": number}, text, ""


TEXT_ENCODINGS = ("utf-8", "gb18030", "big5")


def decode_text(data):
    """Text of a CSV or TXT file in any common Chinese encoding."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding)
    if data and data.count(b"\x00") > len(data) // 4:  # UTF-16 without a BOM
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass

    # Which of the Chinese encodings reads the text best (GB18030 covers GBK
    # and GB2312; Big5 is Traditional Chinese).
    best = from_bytes(data[: 4 * 1024 * 1024], cp_isolation=list(TEXT_ENCODINGS[1:])).best()
    candidates = ([best.encoding] if best else []) + list(TEXT_ENCODINGS[1:])
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise UnreadableAttachment(_("the text is in no known encoding"))


def _text(data, limits):
    text = decode_text(data)
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _("line %(n)s") % {"n": number}, line, ""


def _read_member(archive, info, limit):
    """The bytes of one member, never more than `limit` (a member's
    declared size may lie)."""
    with archive.open(info) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UnreadableAttachment(_("larger than the limit"))
    return data


def _zip(result, name, prefix, data, depth):
    limits = result.limits
    where = prefix or name
    if depth >= limits.depth:
        result.problems.append(
            _("%(where)s: archives nested more than %(depth)s deep were not opened, so they were not checked.")
            % {"where": where, "depth": limits.depth}
        )
        return
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            member = _member_name(info)
            location = f"{prefix or name}/{member}"
            if result.members >= limits.members:
                result.problems.append(
                    _("%(where)s: more than %(limit)s files in the archive; the rest were not checked.")
                    % {"where": where, "limit": limits.members}
                )
                return
            result.members += 1
            if info.flag_bits & 0x1:
                result.problems.append(_("%(where)s is encrypted and was not checked.") % {"where": location})
                continue
            remaining = limits.total_bytes - result.bytes_read
            if info.file_size > limits.member_bytes or info.file_size > remaining:
                result.problems.append(
                    _("%(where)s (%(size)s bytes) exceeds the size limit for screening and was not checked.")
                    % {"where": location, "size": f"{info.file_size:,}"}
                )
                continue
            try:
                content = _read_member(archive, info, min(limits.member_bytes, remaining))
            except Exception as error:
                result.problems.append(
                    _("%(where)s could not be read for screening: %(error)s") % {"where": location, "error": error}
                )
                continue
            result.bytes_read += len(content)
            _read_into(result, member, location, content, depth + 1)
            if result.stopped:
                return


def _member_name(info):
    """The member's name; ZIPs made on Chinese Windows store names in GBK
    without saying so (zipfile then reads them as CP437)."""
    filename = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            filename = filename.encode("cp437").decode("gb18030")
    return os.path.normpath(filename).replace(os.sep, "/")


READERS = {
    "pdf": _pdf,
    "docx": _docx,
    "xlsx": _xlsx,
    "xls": _xls,
    "doc": _doc,
    "ofd": _ofd,
    "csv": _text,
    "txt": _text,
    "zip": _zip,
}
