"""Reading the JSON data files the loaders and importers take."""

import json
from pathlib import Path

from django.utils.translation import gettext as _

from core.problems import ProblemsError


class DataFileError(ProblemsError):
    """A data file cannot be loaded; `problems` lists every reason."""


def read_json(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError([_("File not found: %(path)s") % {"path": path}]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError([_("%(path)s is not valid UTF-8 JSON: %(error)s") % {"path": path, "error": exc}]) from exc
