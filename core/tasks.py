"""The one task of the "jobs" task backend: run a core.Job. Imported by the
worker (by its path) and by core.jobs.start, never while apps load."""

from django_tasks import task

from . import jobs


@task(backend=jobs.JOBS_BACKEND, queue_name=jobs.JOBS_QUEUE)
def run_job(job_id):
    jobs.execute(job_id)
