"""Entry point of the ``imcost`` script and of ``python -m imcost``.

Light on purpose: signals are handled (imcost.streams) before the command line
interface and its libraries are imported, so Ctrl-C during those imports, in
the first tenth of a second, exits 130 quietly too.
"""


def main() -> None:
    """Run imcost as a process: the Typer app under imcost.streams' guard."""
    from imcost.streams import run_process

    run_process(_app)


def _app() -> None:
    from imcost.cli import run_app

    run_app()


if __name__ == "__main__":
    main()
