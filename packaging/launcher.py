"""Entry point of the frozen app: hands the command line to ``fieldapp.cli.main()``.

Kept tiny so that ``fieldapp --version`` in the frozen app costs no more than from source.
The one addition is ``fieldapp --check-bundle`` (packaging/bundle_check.py), which proves
the bundled third-party libraries work on this computer; it is never reached by the CLI.
"""

import sys


def _run() -> int:
    argv = sys.argv[1:]
    # A frozen app that ever uses multiprocessing (spawn) is re-executed with these
    # arguments; without freeze_support() each child would start another app instead.
    if argv and (argv[0].startswith("--multiprocessing") or argv[0] == "-c"):
        import multiprocessing

        multiprocessing.freeze_support()
    if argv == ["--check-bundle"]:
        from bundle_check import main as check_bundle

        return check_bundle()
    from fieldapp.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(_run())
