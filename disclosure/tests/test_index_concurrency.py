"""Index numbers stay unique when several processes publish at once (as
gunicorn workers do), on the database the suite runs on."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
WORKERS, PER_WORKER = 4, 15

ALLOCATE = """
import time, django
django.setup()
from django.db import transaction
from disclosure.index_numbers import allocate
start = float({start!r})
time.sleep(max(0, start - time.time()))
numbers = []
for _ in range({count}):
    with transaction.atomic():
        numbers.append(allocate(2030))
        time.sleep(0.003)  # hold the transaction open to invite a race
print("\\n".join(numbers))
"""


@pytest.fixture
def fresh_database_url(tmp_path):
    """An empty database of the same kind as the suite's, outside the test
    transaction, so that separate processes can race on it."""
    if connection.vendor == "postgresql":
        import psycopg

        settings = connection.settings_dict
        name = f"edusite_race_{uuid.uuid4().hex[:8]}"
        admin = psycopg.connect(
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
            user=settings["USER"],
            password=settings["PASSWORD"],
            dbname="postgres",
            autocommit=True,
        )
        admin.execute(f'CREATE DATABASE "{name}"')
        url = (
            f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"
        )
        try:
            yield url
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
    else:
        yield f"sqlite:///{tmp_path / 'race.sqlite3'}"


def test_concurrent_allocation_gives_distinct_consecutive_numbers(fresh_database_url, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": fresh_database_url,
        "DJANGO_SETTINGS_MODULE": "edusite.settings.test",
        "VAR_DIR": str(tmp_path),
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, timeout=600
    )
    start = time.time() + 3
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", ALLOCATE.format(start=start, count=PER_WORKER)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(WORKERS)
    ]
    numbers = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        numbers += out.split()
    assert len(numbers) == WORKERS * PER_WORKER
    assert len(set(numbers)) == len(numbers), "duplicate index numbers"
    serials = sorted(int(number.rsplit("-", 1)[1]) for number in numbers)
    assert serials == list(range(1, WORKERS * PER_WORKER + 1))
