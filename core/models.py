from django.db import models


class ContentGeneration(models.Model):
    """The one row whose number changes, in the same transaction, with every
    change that can alter a public response (see core.generation). Caches of
    public output name the generation they were computed for.

    Times are kept as integers (seconds and microseconds since the epoch) so
    that the row is read on every request with one plain query, without
    conversions."""

    number = models.BigIntegerField(default=1)
    # A random value set with every change: a generation whose transaction
    # was rolled back can never be confused with a later one of the same number.
    token = models.CharField(max_length=16, default="initial")
    # When the content last changed, in whole seconds (Last-Modified, sent
    # once that second is over: a later change always has a later one).
    modified = models.BigIntegerField(default=0)
    # The next moment public output changes on its own (a page's expiry, a
    # scheduled publication, a safety notice coming into or out of force), in
    # microseconds; NULL while not yet worked out for this generation.
    next_change = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "content generation"
