"""The floor imcost's start-up is measured against: a minimal Typer app of two commands.

    python benchmarks/minimal_typer.py json    # one constant JSON line
    python benchmarks/minimal_typer.py table   # a small Rich table

Run by hand or by benchmarks/run.py, never as a timed test. It does what any
Typer app that prints a result does: imports Typer, parses its command line
and prints; the table imports Rich's console and table as imcost's table does.
"""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False)


@app.command()
def json() -> None:
    """Print a constant JSON line."""
    print('{"cheapest": "pro", "schema_version": 1, "total": "1234.00"}')


@app.command()
def table() -> None:
    """Print a small Rich table."""
    from rich.console import Console
    from rich.table import Table

    grid = Table(title="compare")
    grid.add_column("edition")
    grid.add_column("total", justify="right")
    grid.add_row("pro", "1234.00")
    grid.add_row("flagship", "5678.00")
    Console().print(grid)


if __name__ == "__main__":
    app()
