"""`manage.py run_jobs`: the background worker of the site's long jobs
(core.jobs): django-tasks-db's `db_worker` on the "jobs" backend and
queue. `make run` starts it beside the development server; in production
it runs as its own service (docs/background-tasks.md has a systemd unit).

    manage.py run_jobs           # run jobs as they come, until stopped
    manage.py run_jobs --batch   # run the queued jobs, then exit
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from core.jobs import JOBS_BACKEND, JOBS_QUEUE


class Command(DatabaseWorker):
    help = "Run the site's background jobs (imports, rebuilding search documents, screening large files)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(backend_name=JOBS_BACKEND, queue_name=JOBS_QUEUE)
