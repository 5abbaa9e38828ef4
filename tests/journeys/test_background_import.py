"""An office editor imports a normal year of zones — 300 zones, 4,801 lines
(issue 12, finding 4: it timed out after 30 s in the request) — through
the real admin: preview, apply, then the progress page while the real
background worker (`manage.py run_jobs`, a separate process started by the
harness) writes the zones; the page survives a reload and ends with the
report. This is the test that goes through a real worker process."""

import re

from catchment.generated_zones import zone_csv

IMPORT_TIMEOUT_MS = 300_000  # a loaded CI machine; the import takes about 30 s here


def test_an_office_editor_imports_300_zones_and_follows_the_progress_page(people, journey_site, tmp_path):
    path = tmp_path / "zones-2026.csv"
    path.write_bytes(zone_csv(total=4500, per_zone=15))
    editor = people.log_in("editor-jichu")
    page = editor.page
    editor.goto("/admin/catchment/import/")
    page.set_input_files("input[name=file]", str(path))
    editor.follow(page.get_by_role("button", name="预览"))
    page.get_by_text("共读取 4800 行。").wait_for()
    assert page.get_by_text("2026年张张第1小学招生范围").count() == 1

    page.get_by_role("button", name="导入为草稿并提交审核").click()
    page.wait_for_url(re.compile(r"/admin/jobs/[0-9a-f-]{36}/$"))
    job_url = page.url
    status = page.locator("[data-job-status]")
    assert status.get_attribute("role") == "status"
    assert re.search("等待后台任务进程处理|正在运行|已完成", status.inner_text())

    # A reload (or coming back later) shows the same job, wherever it is.
    editor.goto(job_url)
    assert page.get_by_role("heading", name="导入 zones-2026.csv").count() == 1

    # The page follows the job and shows the report when the worker is done.
    page.get_by_text("已保存为草稿并提交审核：新建划片 300 个").wait_for(timeout=IMPORT_TIMEOUT_MS)
    assert page.get_by_role("link", name="2026年张张第1小学招生范围").count() == 1
    assert "已完成" in page.locator("[data-job-status]").inner_text()

    # The jobs list (报告 › 后台任务) has it too.
    editor.goto("/admin/jobs/")
    assert page.get_by_role("link", name="导入 zones-2026.csv").count() >= 1


def test_the_worker_stops_cleanly_when_told_to(journey_site):
    """systemd stops the worker with SIGTERM: it exits with 0 when no job is running."""
    code = journey_site.stop_job_worker()
    journey_site.start_job_worker()
    assert code == 0, journey_site.worker_log()
