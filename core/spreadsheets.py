"""Reading uploaded spreadsheets (CSV in UTF-8, XLSX) with bounded work.

A spreadsheet is small on disk and may be huge when read: an XLSX file is
a ZIP of XML, and 0.5 MB of it can hold a row of five million cells or a
cell of two hundred million characters. Every limit here is checked while
reading, so such a file is refused after reading about as much as the
limit allows, never after expanding it:

- the file's size (`max_bytes`);
- for XLSX, the ZIP's members (`max_members`) and the bytes they expand to,
  counted as they are decompressed, whatever their headers claim
  (`max_expanded_bytes`: ZIP bombs);
- rows (`max_rows`: rows with a value after the first, the header;
  `max_lines`: rows read at all, empty ones included);
- cells per row (`max_columns` with a value; `max_row_cells` at all);
- characters per cell (`max_cell_characters`);
- XML that declares a DTD or entities is refused ("billion laughs").

openpyxl is not used for reading: its read-only mode builds each row
element whole before yielding it, so one row of millions of cells takes
gigabytes. The XLSX sheet is parsed here with expat, fed in 64 KB pieces.

`read_rows(data, filename, limits)` yields `(line, [cell text, …])`;
a file that breaks a limit or cannot be read raises `SpreadsheetError`
whose message names the limit."""
import csv
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.parsers import expat

from django.utils.translation import gettext as _

from . import work
from .problems import ProblemsError

CHUNK = 64 * 1024
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class SpreadsheetError(ProblemsError):
    """The file cannot be read, or breaks a limit; `problems` says why."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 1024 * 1024
    max_expanded_bytes: int = 32 * 1024 * 1024
    max_members: int = 200
    max_rows: int = 20_000
    max_lines: int = 100_000
    max_columns: int = 26
    max_row_cells: int = 1_000
    max_cell_characters: int = 5_000
    max_shared_strings: int = 100_000


def _mb(size):
    return f"{size / (1024 * 1024):g}"


def read_rows(data, filename="", limits=Limits()):
    """(line number, [cell texts]) for each row of a CSV or XLSX file's bytes."""
    if len(data) > limits.max_bytes:
        raise SpreadsheetError([_("The file is larger than %(size)s MB.") % {"size": _mb(limits.max_bytes)}])
    name = (filename or "").lower()
    if data[:4] == ZIP_MAGIC:
        return _XlsxReader(data, limits).rows()
    if name.endswith((".xls", ".et", ".ods")) or data[:8] == OLE_MAGIC:
        raise SpreadsheetError([_("Only CSV (UTF-8) and XLSX files can be read: save the sheet as one of them.")])
    if name.endswith(".xlsx"):
        raise SpreadsheetError([_("The XLSX file cannot be read: it is not an XLSX (ZIP) file.")])
    return _csv_rows(data, limits)


def _too_many_cells(line, limits):
    return SpreadsheetError(
        [
            _("Line %(line)s has more than %(limit)s cells: a spreadsheet may have at most %(limit)s cells in a row.")
            % {"line": line, "limit": limits.max_row_cells}
        ]
    )


def _too_many_columns(line, limits):
    return SpreadsheetError(
        [
            _("Line %(line)s has values in more than %(limit)s columns: at most %(limit)s columns are read.")
            % {"line": line, "limit": limits.max_columns}
        ]
    )


def _too_long(line, column, limits):
    return SpreadsheetError(
        [
            _("Line %(line)s, column %(column)s: a cell has at most %(limit)s characters.")
            % {"line": line, "column": column_letter(column), "limit": limits.max_cell_characters}
        ]
    )


def _too_many_lines(limits):
    return SpreadsheetError([_("The file has more than %(count)s rows.") % {"count": limits.max_lines}])


def _too_many_rows(limits):
    return SpreadsheetError([_("The file has more than %(count)s rows.") % {"count": limits.max_rows}])


def column_letter(index):
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class _RowCounter:
    """Counts rows read at all, and rows with a value after the first one (the header)."""

    def __init__(self, limits):
        self.limits = limits
        self.lines = 0
        self.rows = -1

    def count(self, values):
        self.lines += 1
        if self.lines > self.limits.max_lines:
            raise _too_many_lines(self.limits)
        if any(value for value in values):
            self.rows += 1
            if self.rows > self.limits.max_rows:
                raise _too_many_rows(self.limits)


# ---- CSV -------------------------------------------------------------------------------


def _csv_rows(data, limits):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            [
                _(
                    "The file is not UTF-8 text (byte %(position)s). Save it as “CSV UTF-8” (in Excel: "
                    "File › Save As › CSV UTF-8), or as XLSX."
                )
                % {"position": error.start + 1}
            ]
        )
    if "\x00" in text:
        raise SpreadsheetError([_("The file is not a CSV file (it contains NUL characters).")])
    return _csv_records(text, limits)


def _csv_records(text, limits):
    previous = csv.field_size_limit()
    # A field longer than the cell limit stops the reader at once.
    csv.field_size_limit(limits.max_cell_characters)
    reader = csv.reader(io.StringIO(text, newline=""))
    counter = _RowCounter(limits)
    line = 1
    try:
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                if "field larger than field limit" in str(error):
                    raise SpreadsheetError(
                        [
                            _("Line %(line)s: a cell has at most %(limit)s characters.")
                            % {"line": line, "limit": limits.max_cell_characters}
                        ]
                    )
                raise SpreadsheetError(
                    [_("Line %(line)s: the CSV cannot be read: %(error)s") % {"line": line, "error": error}]
                )
            work.add("spreadsheet.cells", len(record))
            if len(record) > limits.max_row_cells:
                raise _too_many_cells(line, limits)
            filled = [index for index, value in enumerate(record) if value.strip()]
            if filled and filled[-1] >= limits.max_columns:
                raise _too_many_columns(line, limits)
            counter.count(record)
            yield line, record[: limits.max_columns]
            line = reader.line_num + 1
    finally:
        csv.field_size_limit(previous)


# ---- XLSX ------------------------------------------------------------------------------


class _Budget:
    """The bytes every ZIP member of one file may expand to, together."""

    def __init__(self, limits):
        self.limits = limits
        self.left = limits.max_expanded_bytes

    def take(self, size):
        self.left -= size
        work.add("spreadsheet.expanded_bytes", size)
        if self.left < 0:
            raise SpreadsheetError(
                [
                    _("The XLSX file expands to more than %(size)s MB when opened: it is refused.")
                    % {"size": _mb(self.limits.max_expanded_bytes)}
                ]
            )


def _cannot_read(error):
    return SpreadsheetError([_("The XLSX file cannot be read: %(error)s") % {"error": error}])


def _parser(namespaces=True):
    parser = expat.ParserCreate(namespace_separator="}") if namespaces else expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse_doctype(*args):
        raise SpreadsheetError([_("The XLSX file cannot be read: it declares a DTD, which is not allowed.")])

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.buffer_text = True
    return parser


_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)$")


def _column_index(reference):
    match = _CELL_REF.match(reference or "")
    if not match:
        return None
    index = 0
    for letter in match.group(1):
        index = index * 26 + ord(letter) - 64
    return index - 1


class _XlsxReader:
    def __init__(self, data, limits):
        self.limits = limits
        self.budget = _Budget(limits)
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            members = self.archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
            raise _cannot_read(error)
        if len(members) > limits.max_members:
            raise SpreadsheetError(
                [_("The XLSX file holds more than %(count)s parts: it is refused.") % {"count": limits.max_members}]
            )
        self.names = {member.filename for member in members}

    # Reading one ZIP member, counting what it expands to.

    def _chunks(self, name):
        try:
            with self.archive.open(name) as member:
                while True:
                    chunk = member.read(CHUNK)
                    if not chunk:
                        return
                    self.budget.take(len(chunk))
                    yield chunk
        except SpreadsheetError:
            raise
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as error:
            raise _cannot_read(error)

    def _parse(self, name, parser):
        try:
            for chunk in self._chunks(name):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise _cannot_read(_("%(part)s is not well-formed XML (%(error)s)") % {"part": name, "error": error})

    def _small_xml(self, name):
        """Elements (tag, attributes) of a small part (workbook, relationships)."""
        elements = []
        parser = _parser()
        parser.StartElementHandler = lambda tag, attributes: elements.append((tag, attributes))
        self._parse(name, parser)
        return elements

    def _sheet_and_strings(self):
        """The path of the first worksheet and of the shared strings, from the workbook's relationships."""
        workbook, sheet, strings = "xl/workbook.xml", None, None
        for tag, attributes in self._small_xml("_rels/.rels") if "_rels/.rels" in self.names else []:
            if tag == f"{PACKAGE_REL_NS}}}Relationship" and attributes.get("Type", "").endswith("/officeDocument"):
                workbook = attributes.get("Target", workbook).lstrip("/")
        if workbook not in self.names:
            raise _cannot_read(_("it has no workbook"))
        folder = posixpath.dirname(workbook)
        rels_name = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
        targets = {}
        for tag, attributes in self._small_xml(rels_name) if rels_name in self.names else []:
            if tag == f"{PACKAGE_REL_NS}}}Relationship":
                target = attributes.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                targets[attributes.get("Id")] = path
                if attributes.get("Type", "").endswith("/sharedStrings"):
                    strings = path
        for tag, attributes in self._small_xml(workbook):
            if tag == f"{MAIN_NS}}}sheet":
                sheet = targets.get(attributes.get(f"{REL_NS}}}id"))
                break
        sheet = sheet or posixpath.join(folder, "worksheets/sheet1.xml")
        if sheet not in self.names:
            raise _cannot_read(_("it has no worksheet"))
        if strings is None and posixpath.join(folder, "sharedStrings.xml") in self.names:
            strings = posixpath.join(folder, "sharedStrings.xml")
        return sheet, strings if strings in self.names else None

    def _shared_strings(self, name):
        limits = self.limits
        strings = []
        state = {"text": None, "length": 0, "phonetic": 0}

        def start(tag, attributes):
            if tag == f"{MAIN_NS}}}si":
                state["text"], state["length"] = [], 0
            elif tag == f"{MAIN_NS}}}rPh":
                state["phonetic"] += 1

        def end(tag):
            if tag == f"{MAIN_NS}}}si" and state["text"] is not None:
                strings.append("".join(state["text"]))
                state["text"] = None
                if len(strings) > limits.max_shared_strings:
                    raise SpreadsheetError(
                        [
                            _("The XLSX file holds more than %(count)s different texts: it is refused.")
                            % {"count": limits.max_shared_strings}
                        ]
                    )
            elif tag == f"{MAIN_NS}}}rPh":
                state["phonetic"] -= 1

        def characters(text):
            if state["text"] is None or state["phonetic"]:
                return
            state["length"] += len(text)
            if state["length"] > limits.max_cell_characters:
                raise SpreadsheetError(
                    [
                        _("A text of the XLSX file has more than %(limit)s characters: a cell has at most %(limit)s.")
                        % {"limit": limits.max_cell_characters}
                    ]
                )
            state["text"].append(text)

        parser = _parser()
        parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, characters
        self._parse(name, parser)
        return strings

    def rows(self):
        sheet, strings_name = self._sheet_and_strings()
        strings = self._shared_strings(strings_name) if strings_name else []
        limits = self.limits
        counter = _RowCounter(limits)
        ready = []  # rows parsed from the last chunk, yielded between chunks
        row_tag, cell_tag, value_tag = f"{MAIN_NS}}}row", f"{MAIN_NS}}}c", f"{MAIN_NS}}}v"
        text_tag, inline_tag, formula_tag, phonetic_tag = (
            f"{MAIN_NS}}}t", f"{MAIN_NS}}}is", f"{MAIN_NS}}}f", f"{MAIN_NS}}}rPh",
        )
        state = {
            "line": 0, "cells": None, "count": 0, "column": 0, "position": 0, "type": None, "text": None, "length": 0,
            "in_value": False, "in_inline": False, "phonetic": 0, "formula": False,
        }

        def start(tag, attributes):
            if tag == cell_tag and state["cells"] is not None:
                state["count"] += 1
                work.add("spreadsheet.cells")
                if state["count"] > limits.max_row_cells:
                    raise _too_many_cells(state["line"], limits)
                index = _column_index(attributes.get("r"))
                state["column"] = index if index is not None else state["position"]
                state["position"] = state["column"] + 1
                state["type"] = attributes.get("t", "n")
                state["text"], state["length"], state["formula"] = [], 0, False
            elif tag == row_tag:
                number = attributes.get("r")
                state["line"] = int(number) if number and number.isdecimal() and len(number) < 8 else state["line"] + 1
                state["cells"], state["count"], state["position"] = [], 0, 0
            elif tag == value_tag:
                state["in_value"] = True
            elif tag == inline_tag:
                state["in_inline"] = True
            elif tag == text_tag and state["in_inline"]:
                state["in_value"] = True
            elif tag == phonetic_tag:
                state["phonetic"] += 1
            elif tag == formula_tag:
                state["formula"] = True

        def end(tag):
            if tag == cell_tag and state["text"] is not None:
                text = "".join(state["text"])
                kind = state["type"]
                if kind == "s":
                    try:
                        text = strings[int(text)]
                    except (ValueError, IndexError):
                        text = ""
                elif kind == "n":
                    text = _number_text(text)
                elif kind == "b":
                    text = "TRUE" if text == "1" else "FALSE"
                if state["formula"] and text:
                    raise SpreadsheetError(
                        [
                            _(
                                "Line %(line)s, column %(column)s: the cell holds a formula. Formulas are not "
                                "imported: paste the values only (in Excel: Paste Special › Values)."
                            )
                            % {"line": state["line"], "column": column_letter(state["column"])}
                        ]
                    )
                if text:
                    column = state["column"]
                    if column >= limits.max_columns:
                        raise _too_many_columns(state["line"], limits)
                    cells = state["cells"]
                    if column >= len(cells):
                        cells.extend([""] * (column - len(cells) + 1))
                    cells[column] = text
                state["text"] = None
            elif tag == value_tag:
                state["in_value"] = False
            elif tag == text_tag:
                state["in_value"] = False
            elif tag == inline_tag:
                state["in_inline"] = False
            elif tag == phonetic_tag:
                state["phonetic"] -= 1
            elif tag == row_tag and state["cells"] is not None:
                cells = state["cells"]
                counter.count(cells)
                ready.append((state["line"], cells))
                state["cells"] = None

        def characters(text):
            if not state["in_value"] or state["text"] is None or state["phonetic"]:
                return
            state["length"] += len(text)
            if state["length"] > limits.max_cell_characters:
                raise _too_long(state["line"], state["column"], limits)
            state["text"].append(text)

        parser = _parser()
        parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, characters
        try:
            for chunk in self._chunks(sheet):
                parser.Parse(chunk, False)
                yield from ready
                ready.clear()
            parser.Parse(b"", True)
            yield from ready
        except expat.ExpatError as error:
            raise _cannot_read(_("%(part)s is not well-formed XML (%(error)s)") % {"part": sheet, "error": error})
        finally:
            self.archive.close()


def _number_text(text):
    """A number as a person wrote it: 70 rather than 70.0."""
    try:
        number = float(text)
    except ValueError:
        return text
    if number.is_integer() and abs(number) < 10**15:
        return str(int(number))
    return text
