"""Text of attached documents, with where each piece of text is, for the
personal-data screening. Uses maintained libraries: pypdf, python-docx and
openpyxl. A file that cannot be read is reported, never silently passed."""
import zipfile
from dataclasses import dataclass
from io import BytesIO

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class TextPart:
    location: str
    text: str
    # Set when the text cannot be checked but looks like personal data, e.g.
    # an 18-digit ID number typed into a spreadsheet as a number (which keeps
    # only 15 significant digits, so its checksum is lost).
    suspect: str = ""


class UnreadableAttachment(Exception):
    pass


def extract_parts(name, data):
    """[TextPart] of the file `name` (its extension decides the format)."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    reader = READERS.get(extension)
    if reader is None:
        return []
    try:
        return reader(name, data)
    except Exception as error:  # a broken file must block, not pass
        raise UnreadableAttachment(
            _("The attachment “%(name)s” could not be read for screening: %(error)s") % {"name": name, "error": error}
        ) from error


def _pdf(name, data):
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    return [
        TextPart(_("attachment “%(name)s”, page %(page)s") % {"name": name, "page": number}, page.extract_text() or "")
        for number, page in enumerate(reader.pages, start=1)
    ]


def _docx(name, data):
    import docx

    document = docx.Document(BytesIO(data))
    parts = [
        TextPart(_("attachment “%(name)s”, paragraph %(n)s") % {"name": name, "n": number}, paragraph.text)
        for number, paragraph in enumerate(document.paragraphs, start=1)
        if paragraph.text.strip()
    ]
    for t_number, table in enumerate(document.tables, start=1):
        for r_number, row in enumerate(table.rows, start=1):
            text = " | ".join(cell.text for cell in row.cells)
            if text.strip(" |"):
                parts.append(
                    TextPart(
                        _("attachment “%(name)s”, table %(table)s, row %(row)s")
                        % {"name": name, "table": t_number, "row": r_number},
                        text,
                    )
                )
    return parts


def _xlsx(name, data):
    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    parts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                value = cell.value
                location = _("attachment “%(name)s”, sheet %(sheet)s, cell %(cell)s") % {
                    "name": name,
                    "sheet": sheet.title,
                    "cell": cell.coordinate,
                }
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    number = int(value) if float(value).is_integer() else None
                    if number is not None and 10**17 <= number < 10**18:
                        parts.append(TextPart(location, str(number), suspect="id_number_unverifiable"))
                        continue
                    text = str(number) if number is not None else str(value)
                else:
                    text = str(value)
                parts.append(TextPart(location, text))
    workbook.close()
    return parts


def _zip(name, data):
    parts = []
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for member in archive.infolist():
            if member.is_dir() or member.file_size > 50 * 1024 * 1024:
                continue
            parts.extend(extract_parts(f"{name}/{member.filename}", archive.read(member)))
    return parts


READERS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "zip": _zip}
