"""Attachments: PDF, JPEG or PNG, recognised by their first bytes (never by
the name or the browser's type), at most MAX_FILE_BYTES each and MAX_FILES
per upload; the whole request is refused before it is read when it is
larger than MAX_REQUEST_BYTES (a bound on what one request can cost)."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
# The form's fields plus the files, with room for the multipart framing.
MAX_REQUEST_BYTES = MAX_FILES * MAX_FILE_BYTES + 512 * 1024

SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
]


def sniff(head):
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


@dataclass
class CheckedFile:
    name: str
    content_type: str
    size: int
    file: object


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one input; each checked by its content."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png")

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, (list, tuple)) else [data]) if upload]
        if not uploads:
            if self.required:
                raise forms.ValidationError(_("Attach at least one file."))
            return []
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most %(count)s files.") % {"count": MAX_FILES})
        checked, errors = [], []
        for upload in uploads:
            name = (upload.name or "file")[-100:]
            if upload.size > MAX_FILE_BYTES:
                errors.append(
                    _("“%(name)s” is larger than %(size)s MB.")
                    % {"name": name, "size": MAX_FILE_BYTES // (1024 * 1024)}
                )
                continue
            if upload.size == 0:
                errors.append(_("“%(name)s” is empty.") % {"name": name})
                continue
            upload.seek(0)
            content_type = sniff(upload.read(16))
            upload.seek(0)
            if content_type is None:
                errors.append(_("“%(name)s” is not a PDF, JPG or PNG file.") % {"name": name})
                continue
            checked.append(CheckedFile(name=name, content_type=content_type, size=upload.size, file=upload))
        if errors:
            raise forms.ValidationError(errors)
        return checked


ATTACHMENT_HELP = gettext_lazy("PDF, JPG or PNG; at most 5 files of 5 MB each.")
