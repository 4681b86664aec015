"""The garbage collector while a ``check`` run starts, and at its end.

Starting a run allocates some hundred thousand objects that live as long as the run (modules,
classes, functions, the rules and their regexes), and almost no garbage that only the cyclic
collector could free: the collector ran dozens of times over them, for nothing (about 8% of a
one-article run, pre-commit's, in instructions). So ``launch`` pauses it (``pause``) until the
first file has been linted, or until a pool is about to fork, when ``resume`` freezes what was
built by then (the collector never walks it again: it lives as long as the run) and turns the
collector back on for the files that follow. At the end of the run, ``freeze_at_exit`` spares
the interpreter's last collection a walk over all of it, just before the process exits anyway.

The collector is only paused if it was on, and is turned on again only if it was paused here.
Nothing a check computes depends on when the collector runs."""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def freeze_at_exit() -> None:
    gc.freeze()
