"""The ``artlint`` console script. ``artlint --version`` (or ``-V``) alone is answered here,
before click and the command modules are imported: a version probe (pre-commit, editors, CI
scripts) then costs little more than the interpreter's own start. Anything else goes to the
click group in ``artlint.cli``, which prints the same line for ``--version`` among other
arguments. ``artlint check FILE...`` alone (pre-commit's command line) is run without click
too, when click could make nothing else of it (``artlint.plain_check``)."""

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from artlint import __version__

        sys.stdout.write(f"artlint, version {__version__}\n")
        return
    if sys.argv[1:2] != ["check"]:
        from artlint.cli import main as cli_main

        cli_main()
        return
    # a run's start builds what lives as long as the run: the collector waits (artlint.startup_gc)
    from artlint import startup_gc

    startup_gc.pause()
    try:
        from artlint import plain_check

        if plain_check.wanted(sys.argv[1:]):
            plain_check.run(sys.argv[1:])
            return
        from artlint.cli import main as cli_main

        cli_main()
    finally:
        startup_gc.freeze_at_exit()
