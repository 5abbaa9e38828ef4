"""Background tasks of the review (django-tasks): reading attachments for
the personal-data screening, which can take long for large or nested
files, so that no page of the admin waits for it."""
from django_tasks import task


@task(backend="background")
def screen_attachment(document_id, sha256):
    from .page_screening import screen_stored_document

    result = screen_stored_document(document_id, sha256)
    return result.key if result is not None else None
