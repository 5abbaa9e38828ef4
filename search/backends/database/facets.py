"""What both database backends share: the ranking weights and the facet
counts of a whole result set in one query."""

from collections import Counter

from django.db import connections

TITLE_WEIGHT = 8.0
RESCORE_WINDOW = 500


class DatabaseFacetsMixin:
    """Counts of several filter fields over the whole result set, from one
    query (Wagtail's `facet()` runs one query per field). Call it on
    unsliced results: the counts cover every match."""

    def facets(self, field_names):
        matches = self.get_queryset().order_by().values(*field_names)
        counters = {name: Counter() for name in field_names}
        if matches.db and connections[matches.db].vendor == "postgresql":
            self._count_in_postgres(matches, field_names, counters)
        else:
            for row in matches.values_list(*field_names).iterator(chunk_size=5000):
                for name, value in zip(field_names, row, strict=False):
                    counters[name][value] += 1
        return counters

    @staticmethod
    def _count_in_postgres(matches, field_names, counters):
        """One pass, counted by PostgreSQL: GROUP BY GROUPING SETS ((a), (b), …)."""
        sql, params = matches.query.sql_with_params()
        columns = ", ".join(f'"{name}"' for name in field_names)
        flags = ", ".join(f'GROUPING("{name}")' for name in field_names)
        sets = ", ".join(f'("{name}")' for name in field_names)
        query = f"SELECT {columns}, {flags}, COUNT(*) FROM ({sql}) AS matches GROUP BY GROUPING SETS ({sets})"
        width = len(field_names)
        with connections[matches.db].cursor() as cursor:
            cursor.execute(query, params)
            for row in cursor.fetchall():
                values, grouped, count = row[:width], row[width : 2 * width], row[-1]
                name_index = grouped.index(0)  # the one column this row is grouped by
                counters[field_names[name_index]][values[name_index]] += count
