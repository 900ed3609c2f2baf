# The python3.x runtime of Nimbus: what AWS's Python runtime interface client
# (awslambdaric) does, in the standard library only. Started by command.ts as
#   python -S -u -X utf8 bootstrap.py <site path>
# with the Lambda environment (LAMBDA_TASK_ROOT, _HANDLER, ...) and either Nimbus's private
# channel on fd 3 (_NIMBUS_RUNTIME_FD, pipe_client.py) or AWS_LAMBDA_RUNTIME_API (HTTP).
# -S skips site.py (its .pth files cost ~25 ms per start here); the interpreter's
# site-packages, resolved once by command.ts, arrive as the first argument instead.
# With _NIMBUS_STEM_CELL it starts without a function and waits to be given one
# (nimbus_ric/stem_cell.py); with _NIMBUS_ZYGOTE it forks such cells (nimbus_ric/zygote.py).
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SITE = [p for p in (sys.argv[1].split(os.pathsep) if len(sys.argv) > 1 else []) if p]
del sys.argv[1:]
# The interpreter's own paths (with PYTHONPATH's, on a fresh start), without the script's folder.
BASE = [p for p in sys.path if p not in ("", HERE)]


def set_path(task_root, pythonpath=()):
    """sys.path as Lambda has it: the task root first, then PYTHONPATH and the
    interpreter's own paths, then site-packages; this runtime's folder last."""
    path = []
    for p in list(pythonpath) + BASE + SITE:
        if p and p not in path and p not in (HERE, task_root):
            path.append(p)
    sys.path[:] = ([task_root] if task_root else []) + path + [HERE]


def site_builtins():
    if sys.flags.no_site:
        # What site.py would have added to builtins: exit(), quit(), help(), ...
        import site
        site.setquit()
        site.setcopyright()
        site.sethelper()


def main():
    fd = os.environ.get("_NIMBUS_RUNTIME_FD")
    if fd and (os.environ.get("_NIMBUS_STEM_CELL") or os.environ.get("_NIMBUS_ZYGOTE")):
        set_path(None)  # no function yet: the runtime and site-packages only
        site_builtins()
        from nimbus_ric import stem_cell
        if os.environ.get("_NIMBUS_ZYGOTE"):
            import gc
            gc.disable()  # no collection leaves holes in pages the cells will share (gc.freeze docs)
            from nimbus_ric import zygote
            stem_cell.preimport(with_sdk=True)
            from nimbus_ric import sdk_warmup
            sdk_warmup.warm()
            zygote.serve()  # returns in each forked cell, with its own fd 3, stdout and stderr
        else:
            stem_cell.preimport(with_sdk=False)
        from nimbus_ric.pipe_client import PipeRuntimeClient
        client = PipeRuntimeClient(int(fd))
        stem_cell.specialise(client.await_specialise(), set_path)
    else:
        set_path(os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd())
        site_builtins()
        os.environ.pop("_NIMBUS_RUNTIME_FD", None)
        if fd:
            from nimbus_ric.pipe_client import PipeRuntimeClient
            client = PipeRuntimeClient(int(fd))
        else:
            from nimbus_ric.runtime_client import RuntimeClient
            client = RuntimeClient(os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"))
    from nimbus_ric.runtime_loop import run
    run(os.environ.get("_HANDLER", ""), client)


if __name__ == "__main__":
    main()
