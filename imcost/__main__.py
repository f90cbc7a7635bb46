"""Entry point for ``python -m imcost``."""

from imcost.cli import main

if __name__ == "__main__":
    main()
