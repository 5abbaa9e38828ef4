"""Where applicants' and replies' files live: a folder outside MEDIA_ROOT
that no URL serves (ON_REQUEST_FILES_ROOT, default var/on-request-files).
Files are read only through the permission-checked views."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = FileSystemStorage(location=str(settings.ON_REQUEST_FILES_ROOT), base_url=None)


private_storage = PrivateStorage()


def get_private_storage():
    return private_storage
