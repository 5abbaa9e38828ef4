"""索引号: `<organisation code>/<year>-<5-digit serial>`, allocated once, at
first publication, from a per-year counter that is never decremented, so a
number is never reused even if its page is deleted.

The counter row is incremented with a single UPDATE inside the caller's
transaction: PostgreSQL locks the row until commit, so concurrent
publications get consecutive, distinct serials. SQLite serialises writers;
a writer that finds the database locked retries."""

import time

from django.db import IntegrityError, OperationalError, models, transaction
from django.db.models import F
from wagtail.models import Site

from core.models import BureauSettings, NumberedRecord


class IndexNumberSequence(NumberedRecord):
    year = models.PositiveSmallIntegerField(unique=True)
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "disclosure"


def next_serial(year, attempts=50):
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                updated = IndexNumberSequence.objects.filter(year=year).update(last_serial=F("last_serial") + 1)
                if not updated:
                    IndexNumberSequence.objects.create(year=year, last_serial=1)
                return IndexNumberSequence.objects.get(year=year).last_serial
        except IntegrityError:
            continue  # another process created this year's row first: increment it
        except OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise RuntimeError("could not allocate an index number")


def organisation_code():

    site = Site.objects.filter(is_default_site=True).first()
    code = BureauSettings.for_site(site).organisation_code if site else ""
    return code or "000000000"


def allocate(year):
    return f"{organisation_code()}/{year}-{next_serial(year):05d}"
