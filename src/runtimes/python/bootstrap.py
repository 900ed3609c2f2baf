# The python3.x runtime of Nimbus: what AWS's Python runtime interface client
# (awslambdaric) does, in the standard library only. Started by command.ts as
#   python -S -u -X utf8 bootstrap.py <site path>
# with the Lambda environment (AWS_LAMBDA_RUNTIME_API, _HANDLER, LAMBDA_TASK_ROOT, ...).
# -S skips site.py (its .pth files cost ~25 ms per start here); the interpreter's
# site-packages, resolved once by command.ts, arrive as the first argument instead.
import os
import sys


def _set_path():
    """sys.path as Lambda has it: the task root first, then PYTHONPATH and the
    interpreter's own paths, then site-packages; this runtime's folder last."""
    here = os.path.dirname(os.path.abspath(__file__))
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    path = [p for p in sys.path if p not in ("", here)]
    site = sys.argv[1].split(os.pathsep) if len(sys.argv) > 1 and sys.argv[1] else []
    for p in site:
        if p and p not in path and p != here:
            path.append(p)
    sys.path[:] = [task_root] + [p for p in path if p != task_root] + [here]
    del sys.argv[1:]
    if sys.flags.no_site:
        # What site.py would have added to builtins: exit(), quit(), help(), ...
        import site
        site.setquit()
        site.setcopyright()
        site.sethelper()


_set_path()

from nimbus_ric.runtime_loop import run  # noqa: E402

if __name__ == "__main__":
    run(os.environ.get("_HANDLER", ""), os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"))
