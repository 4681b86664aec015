"""The ``artlint`` console script. ``artlint --version`` (or ``-V``) alone is answered here,
before click and the command modules are imported: a version probe (pre-commit, editors, CI
scripts) then costs little more than the interpreter's own start. Anything else goes to the
click group in ``artlint.cli``, which prints the same line for ``--version`` among other
arguments."""

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from artlint import __version__

        sys.stdout.write(f"artlint, version {__version__}\n")
        return
    from artlint.cli import main as cli_main

    cli_main()
