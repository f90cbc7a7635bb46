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
    import gc

    from imcost.cli import app

    # One short command, then exit: Python's cyclic collector would only rescan the
    # plan's hundreds of thousands of objects again and again (a 10 MB plan's load
    # took several times longer with it), and what imcost makes is freed by reference
    # counting. What the imports made is frozen out of any collection as well.
    gc.freeze()
    gc.disable()
    app()


if __name__ == "__main__":
    main()
