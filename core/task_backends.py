"""The task backend for Wagtail's own small tasks (search index and
reference index updates on every save, file deletions): run at once, as
django-tasks' ImmediateBackend does, except inside
`core.deferral.deferred_side_effects()`, where each distinct task is run
once at the end of the block — and search index updates of one model are
written to each search backend in one bulk call.

Long jobs (imports, rebuilding search documents, screening large files)
do not use this backend: they are `core.jobs` jobs on the database backend
(TASKS["jobs"]), run by a worker process."""

import json
import logging

from django.apps import apps
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id, normalize_json
from modelsearch.backends import get_search_backends_with_name

from . import deferral, work

logger = logging.getLogger(__name__)

SEARCH_INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"


class DeferringImmediateBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs):
        key = json.dumps([normalize_json(list(args)), normalize_json(dict(kwargs))], sort_keys=True)
        flush = _index_in_bulk if task.module_path == SEARCH_INDEX_TASK else _run_each(task)
        if not deferral.defer(f"task:{task.module_path}", key, flush):
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )


def _run_each(task):
    def flush(keys):
        for key in keys:
            args, kwargs = json.loads(key)
            work.add(f"deferred_task.{task.name}")
            task.call(*args, **kwargs)

    return flush


def _index_in_bulk(keys):
    """modelsearch's insert_or_update_object_task(app_label, model_name, pk), for many objects at once."""

    by_model = {}
    for key in keys:
        (app_label, model_name, pk), _kwargs = json.loads(key)
        by_model.setdefault((app_label, model_name), []).append(pk)
    for (app_label, model_name), pks in by_model.items():
        model = apps.get_model(app_label, model_name)
        instances = [instance.get_indexed_instance() for instance in model.objects.filter(pk__in=pks)]
        by_type = {}
        for instance in instances:
            if instance is not None:
                by_type.setdefault(type(instance), []).append(instance)
        for indexed_model, objects in by_type.items():
            indexed = set(
                indexed_model.get_indexed_objects()
                .filter(pk__in=[obj.pk for obj in objects])
                .values_list("pk", flat=True)
            )
            objects = [obj for obj in objects if obj.pk in indexed]
            if not objects:
                continue
            work.add("search_index.bulk_calls")
            work.add("search_index.objects", len(objects))
            for name, backend in get_search_backends_with_name(with_auto_update=True):
                try:
                    backend.add_bulk(indexed_model, objects)
                except Exception:
                    logger.exception(
                        "Search backend %r did not index %d %s objects.", name, len(objects), indexed_model
                    )
                    if not backend.catch_indexing_errors:
                        raise
