# Stem cell: a Python runtime started before it has a function (src/pool/stem-cells.ts). It
# imports the runtime and what most handlers import, says `ready`, and on `specialise {env}`
# becomes the function's runtime as a fresh start would have been: the function's whole
# environment, its task root as cwd and first on sys.path, and none of the pre-imported
# packages if the function brings its own copy (a vendored boto3 wins, as on Lambda).
import importlib
import importlib.machinery
import os
import sys
import time

# Standard-library modules handlers commonly import, and what the runtime's Init imports.
STDLIB = ("json", "logging", "datetime", "decimal", "base64", "uuid", "re", "typing", "traceback",
          "urllib.parse", "nimbus_ric.runtime_loop", "nimbus_ric.pipe_client")
# The AWS SDK as Lambda's Python runtimes bundle it: only where the import is paid once and
# shared by fork (zygote.py); a cell of its own would pay ~200 ms of CPU and ~25 MB for it.
SDK = ("boto3",)

_preimported = set()
# What the interpreter set as it started (PEP 538: LANG names a locale this machine lacks, so
# LC_CTYPE is coerced to C.UTF-8): a fresh start of the function would set it too.
_COERCED_LC_CTYPE = os.environ.get("LC_CTYPE")


def preimport(with_sdk):
    """Imports STDLIB (and SDK) now; remembers the third-party top-level packages loaded."""
    before = {name.partition(".")[0] for name in sys.modules}
    for name in STDLIB + (SDK if with_sdk else ()):
        try:
            importlib.import_module(name)
        except Exception:
            pass  # not installed here: the function imports it (or fails to) as on a fresh start
    stdlib = getattr(sys, "stdlib_module_names", ())
    for name in list(sys.modules):
        top = name.partition(".")[0]
        if top not in before and top not in stdlib and top != "nimbus_ric" and not top.startswith("_"):
            _preimported.add(top)


def specialise(env, set_path):
    """Becomes the function's runtime: `env` is its whole environment (lambda-env.ts);
    `set_path(task_root, pythonpath)` builds sys.path as bootstrap.py does on a fresh start."""
    os.environ.clear()
    os.environ.update(env)
    if _COERCED_LC_CTYPE and not (env.get("LC_ALL") or env.get("LC_CTYPE")):
        os.environ["LC_CTYPE"] = _COERCED_LC_CTYPE
    os.environ.pop("_NIMBUS_RUNTIME_FD", None)
    time.tzset()
    task_root = env.get("LAMBDA_TASK_ROOT") or os.getcwd()
    try:
        os.chdir(task_root)
    except OSError:
        pass  # a missing task root surfaces as the handler's Runtime.ImportModuleError
    # A fresh interpreter puts PYTHONPATH after the script's folder: here, after the task root.
    set_path(task_root, [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    importlib.invalidate_caches()
    drop_shadowed()


def drop_shadowed():
    """Forgets every pre-imported package if the function's sys.path resolves any of them to
    another copy (its own boto3, botocore, urllib3, ...): they depend on each other's versions,
    so the function's copy is imported with its own dependencies, as on a fresh start."""
    for top in _preimported:
        loaded = sys.modules.get(top)
        origin = getattr(loaded, "__file__", None)
        if loaded is None or origin is None:
            continue
        spec = importlib.machinery.PathFinder.find_spec(top, sys.path)
        if spec is None or spec.origin == origin:
            continue
        for name in list(sys.modules):
            if name.partition(".")[0] in _preimported:
                del sys.modules[name]
        return
