"""`glossary serve`: the web lookup, the API and the exports, served by waitress."""

from __future__ import annotations

import click

from glossary.cli.errors import fail
from glossary.cli.lazy import with_app


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_app(serving=True)
def serve_command(host: str, port: int) -> None:
    """Serve the web lookup, the API and the exports (creates the database on first start)."""
    import waitress
    from flask import current_app

    from glossary import db, worker
    from glossary.cli.data import initialise
    from glossary.datafiles import DataError
    from glossary.services import concepts as concept_service
    from glossary.services import term_knowledge

    if not db.has_schema(db.engine()) or not concept_service.stats(db.session())["concepts"]:
        try:
            click.echo(f"First start: {initialise().summary()}.")
        except DataError as exc:
            fail(str(exc))
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:  # bind first: only a server that has its port says it is serving
        server = waitress.create_server(
            app, host=host, port=port, threads=8, ident="glossary",
            # waitress would spool a gigabyte; nothing here reads more than this
            max_request_body_size=int(app.config["MAX_CONTENT_LENGTH"]) + 64 * 1024)
    except OSError as exc:
        fail(f"cannot serve on {host}:{port}: {exc.strerror or exc}"
             " (is another server using that port? choose one with --port)")
    worker.start(app)  # the queued jobs (document imports) are done in this process
    # The termbase as the suggesters read it: seconds at 100k concepts, built now rather
    # than when a reviewer first opens a candidate.
    term_knowledge.build_in_background(db.engine())
    click.echo(f"Glossary is serving on http://{host}:{port}/ (Ctrl+C stops it)")
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("Stopped.")


COMMANDS = (serve_command,)
