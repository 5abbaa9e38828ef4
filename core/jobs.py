"""Long jobs in the background, with progress, a report, and nothing
applied when they fail (docs/background-tasks.md).

A job kind is a function registered under a name:

    @jobs.register("catchment.import", label=_("Import enrolment zones"),
                   template="catchment/admin/job_result.html", may_view=user_may_import)
    def import_zones(job, progress):
        progress.step(_("Checking the rows"), total=len(rows))
        ...
        progress.advance()
        with transaction.atomic():   # everything the job writes, or nothing
            ...
        return {"created": [...]}    # the report: JSON, shown by `template`

A view (or a command) starts one with `jobs.start("catchment.import",
user=..., title=..., params={...}, payload=file_bytes)`: a `core.Job` row
and a task on the "jobs" task backend (django-tasks' database backend),
which `manage.py run_jobs` runs. The admin's progress page
(/admin/jobs/<id>/) reads the row: it survives a reload, in any process.

A job that raises `JobFailed(problems)` ends as failed with those problems
in its report; any other exception ends it as failed with a general
message (the traceback goes to the log). Either way the job must not have
applied anything: a job does all its writes in one `transaction.atomic()`
block, so that a failure rolls them back.

Progress written inside that block is written through a second database
connection on PostgreSQL (so it is seen at once); SQLite allows one writer
at a time, so there the progress of the writing step is shown when it is
done and the page says what step is running."""

import logging
import time
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .models import Job
from .problems import ProblemsError

logger = logging.getLogger(__name__)

JOBS_BACKEND = "jobs"
JOBS_QUEUE = "jobs"
STALE_AFTER_SECONDS = 15 * 60  # no news for that long while running: the worker probably stopped
PROGRESS_EVERY_SECONDS = 0.5


class JobFailed(ProblemsError):
    """The job could not be done; `problems` says why (shown to the user)."""

    def __init__(self, problems):
        super().__init__(str(problem) for problem in problems)


@dataclass
class JobKind:
    name: str
    label: str
    run: object
    template: str = ""
    may_view: object = None  # user → bool; the user who started a job may always see it


KINDS = {}


def register(name, *, label, template="", may_view=None):
    def decorator(function):
        KINDS[name] = JobKind(name=name, label=label, run=function, template=template, may_view=may_view)
        return function

    return decorator


def kind_of(job):
    _load_kinds()
    return KINDS.get(job.kind)


def _load_kinds():
    """Job kinds live in the `jobs` module of each of the site's apps."""

    root = Path(settings.BASE_DIR)
    for config in apps.get_app_configs():
        if config.name != "core" and root in Path(config.path).parents and module_has_submodule(config.module, "jobs"):
            import_module(f"{config.name}.jobs")


def start(kind, *, title, user=None, params=None, payload=None):
    """Create the job and queue it for the worker; returns the Job."""
    from .tasks import run_job  # local: core.tasks imports this module

    _load_kinds()
    if kind not in KINDS:
        raise KeyError(f"No job kind {kind!r}")
    job = Job.objects.create(kind=kind, title=title[:300], user=user, params=params or {}, payload=payload)
    result = run_job.enqueue(str(job.pk))
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)
    return job


def run_now(kind, *, title, user=None, params=None, payload=None, on_progress=None):
    """Create the job and run it in this process (the management commands);
    returns the finished Job. `on_progress(job)` is called on every update."""

    _load_kinds()
    job = Job.objects.create(kind=kind, title=title[:300], user=user, params=params or {}, payload=payload)
    execute(str(job.pk), on_progress=on_progress)
    return Job.objects.get(pk=job.pk)


class Progress:
    """What a running job tells the progress page: the step it is at, and
    how many of how many things it has done."""

    def __init__(self, job, on_progress=None):
        self.job = job
        self.on_progress = on_progress
        self._written = 0.0
        self._side = None
        # Transactions opened before the job started (a test's) are not the job's.
        self._outer_depth = len(connection.atomic_blocks)

    def step(self, label, total=0):
        self.job.step, self.job.total, self.job.done = str(label)[:300], total, 0
        self._write(force=True)

    def advance(self, amount=1):
        self.job.done = min(self.job.done + amount, self.job.total or self.job.done + amount)
        self._write()

    def _write(self, force=False):
        now = time.monotonic()
        if self.on_progress is not None:
            self.on_progress(self.job)
        if not force and now - self._written < PROGRESS_EVERY_SECONDS:
            return
        self._written = now
        values = {"step": self.job.step, "done": self.job.done, "total": self.job.total, "updated_at": timezone.now()}
        if len(connection.atomic_blocks) <= self._outer_depth:
            type(self.job).objects.filter(pk=self.job.pk).update(**values)
        elif connection.vendor == "postgresql":
            self._write_aside(values)
        # SQLite inside the job's transaction: one writer at a time; written when the step ends.

    def _write_aside(self, values):
        """Progress from inside the job's transaction, through a connection of its own, committed at once."""
        if self._side is None:
            self._side = connections.create_connection("default")
        table = type(self.job)._meta.db_table
        try:
            with self._side.cursor() as cursor:
                cursor.execute(
                    f'UPDATE "{table}" SET "step" = %s, "done" = %s, "total" = %s, "updated_at" = %s WHERE "id" = %s',
                    [values["step"], values["done"], values["total"], values["updated_at"], self.job.pk],
                )
        except Exception:
            logger.warning("Job progress not written", exc_info=True)

    def close(self):
        if self._side is not None:
            self._side.close()
            self._side = None


def execute(job_id, on_progress=None):
    """Run one job (called by the worker's task, or by `run_now`)."""

    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.finished:
        return
    kind = kind_of(job)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=timezone.now(), error="")
    job.status = Job.Status.RUNNING
    progress = Progress(job, on_progress=on_progress)
    try:
        if kind is None:
            raise JobFailed([_("This kind of job is not known to this version of the site.")])
        report = kind.run(job, progress) or {}
    except JobFailed as failure:
        _finish(job, Job.Status.FAILED, error=_("Nothing was changed."), report={"problems": failure.problems})
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(
            job,
            Job.Status.FAILED,
            error=_("The job stopped because of an error in the site. Nothing was changed; the error has been logged."),
        )
    else:
        _finish(job, Job.Status.SUCCEEDED, report=report)
    finally:
        progress.close()
    if on_progress is not None:
        on_progress(Job.objects.get(pk=job.pk))


def _finish(job, status, error="", report=None):

    values = {
        "status": status,
        "finished_at": timezone.now(),
        "error": error,
        "payload": None,
        "step": job.step,
        "total": job.total,
        "done": job.done,
    }
    if report is not None:
        values["report"] = report
    if status == Job.Status.SUCCEEDED:
        values["done"] = job.total
    Job.objects.filter(pk=job.pk).update(**values)


def is_stale(job):
    """Running, but no news for STALE_AFTER_SECONDS: the worker probably stopped."""

    if job.status != Job.Status.RUNNING:
        return False
    return (timezone.now() - job.updated_at).total_seconds() > STALE_AFTER_SECONDS


def waiting_long(job, seconds=60):
    """Queued for more than `seconds`: is the worker running?"""

    return job.status == Job.Status.QUEUED and (timezone.now() - job.created_at).total_seconds() > seconds


def run_queued(limit=100):
    """Run the queued jobs in this process, as the worker would (tests, and
    `run_jobs --batch` does the same in the worker). Returns how many tasks were run."""

    worker = Worker(
        queue_names=[JOBS_QUEUE],
        interval=0,
        batch=True,
        backend_name=JOBS_BACKEND,
        startup_delay=False,
        max_tasks=None,
        worker_id="in-process",
    )
    count = 0
    while count < limit:
        task_result = (
            DBTaskResult.objects.ready().filter(backend_name=JOBS_BACKEND, status=TaskResultStatus.READY).first()
        )
        if task_result is None:
            break
        task_result.claim(worker.worker_id)
        worker.run_task(task_result)
        count += 1
    return count
