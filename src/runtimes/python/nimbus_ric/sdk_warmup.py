# The zygote's boto3 warm-up. A handler's `boto3.client("s3")` in Init spends most of its time
# (~70 ms on a fast machine, 200 ms on a slow one) reading and parsing botocore's JSON data:
# the service model, its endpoint rules, the partitions. botocore keeps what it read per
# Loader, and every new Session has a new Loader, so each cold start read them again.
# Here every Loader whose search paths and extras are the same shares what was read (the
# results depend on nothing else), and the zygote reads the data of the services Nimbus serves
# once, before it forks: a cell's first client then costs what a second client costs.
# Sharing is what botocore already does for all the clients of one Session (they get the very
# same objects), so no client sees data another could have changed.
import functools

# Clients and boto3 resources that handlers commonly create in Init.
CLIENTS = ("s3", "dynamodb", "dynamodbstreams", "sqs", "sns", "lambda", "ses", "sesv2", "kinesis", "events",
           "logs", "sts")
RESOURCES = ("dynamodb", "s3", "sqs", "sns")
# botocore.loaders.Loader's cached reads (decorated with its instance_cache).
CACHED = ("list_available_services", "determine_latest_version", "list_api_versions", "load_service_model",
          "load_data_with_path")

_shared = {}


def share_loader_reads(loader_class):
    """Makes every `loader_class` instance with the same search paths and extras share its reads."""
    for name in CACHED:
        method = getattr(loader_class, name, None)
        if method is None or getattr(method, "_nimbus_shared", False):
            continue
        setattr(loader_class, name, _shared_read(method))


def _shared_read(method):
    @functools.wraps(method)
    def read(self, *args, **kwargs):
        # Search paths are read at call time: boto3 appends its own data path to a Loader after creating it.
        key = (method.__name__, tuple(self.search_paths), tuple(getattr(self, "_extras_types", ())), args,
               tuple(sorted(kwargs.items())))
        try:
            return _shared[key]
        except KeyError:
            pass
        value = method(self, *args, **kwargs)
        _shared[key] = value
        return value

    read._nimbus_shared = True
    return read


def warm():
    """Shares Loader reads and reads the data of CLIENTS and RESOURCES now; skipped without boto3."""
    try:
        import boto3.session
        import botocore.loaders
    except Exception:
        return
    share_loader_reads(botocore.loaders.Loader)
    # A throwaway Session with explicit settings: nothing is looked up in the zygote's own
    # environment, and the default session a handler gets is created in its cell, from its own.
    session = boto3.session.Session(aws_access_key_id="warm-up", aws_secret_access_key="warm-up",
                                    region_name="us-east-1")
    for name in CLIENTS:
        try:
            session.client(name)
        except Exception:
            pass  # not in this botocore: the handler finds out as on a fresh start
    for name in RESOURCES:
        try:
            session.resource(name)
        except Exception:
            pass
