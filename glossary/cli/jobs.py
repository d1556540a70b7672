"""`glossary jobs list` and `glossary jobs work`: the queued jobs (document imports) on the
command line, and a worker process of its own for a deployment that wants one (the web
processes then run with GLOSSARY_JOBS=off and never load the extractor).
"""

from __future__ import annotations

import time

import click

from glossary.cli.lazy import need_database, with_app


@click.group("jobs")
def jobs_group() -> None:
    """Queued jobs: document imports started by the web page and the API."""


@jobs_group.command("list")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@with_app
def list_command(limit: int) -> None:
    """The newest jobs: id, state, progress, kind, who, when, message."""
    from glossary import db
    from glossary.services import jobs

    need_database()
    for job in jobs.recent_jobs(db.session(), limit):
        shape = jobs.job_to_dict(job)
        click.echo("\t".join([str(shape["id"]), shape["state"], f"{shape['progress']:.0%}",
                              shape["kind"], shape["user"] or "-", shape["created"] or "-",
                              shape["message"] or ""]))


@jobs_group.command("work")
@click.option("--once", is_flag=True, help="Do the jobs waiting now, then stop.")
@with_app
def work_command(once: bool) -> None:
    """Do queued jobs in this process, until Ctrl+C (or, with --once, until none wait)."""
    from flask import current_app

    from glossary import worker

    need_database()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    done = 0
    try:
        while True:
            state = worker.run_next(app)
            if state is not None:
                done += 1
                click.echo(f"a job ended: {state}", err=True)
                continue
            if once:
                break
            time.sleep(float(app.config["JOBS_POLL_SECONDS"]))
    except KeyboardInterrupt:
        pass
    click.echo(f"{done} job(s) done.")


COMMANDS = (jobs_group,)
