// The zygote's boto3 warm-up (nimbus_ric/sdk_warmup.py), run in the interpreter functions get:
// Loaders with the same search paths share what they read, others do not, and the key is
// taken at read time (boto3 appends its data path to a Loader after creating it).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { pythonRuntimeDir, resolvePython } from './command';

const PROBE = `
import json, os, tempfile
import botocore.loaders as L
from nimbus_ric import sdk_warmup
sdk_warmup.share_loader_reads(L.Loader)
sdk_warmup.share_loader_reads(L.Loader)  # twice: not wrapped twice
a, b = L.Loader(), L.Loader()
same = a.load_service_model("sqs", "service-2") is b.load_service_model("sqs", "service-2")
custom = tempfile.mkdtemp()
os.makedirs(os.path.join(custom, "sqs", "2012-11-05"))
with open(os.path.join(custom, "sqs", "2012-11-05", "service-2.json"), "w") as f:
    json.dump({"metadata": {"apiVersion": "2012-11-05", "serviceId": "SQS"}, "operations": {}, "shapes": {}}, f)
c = L.Loader(extra_search_paths=[custom])
own = c.load_service_model("sqs", "service-2")
d = L.Loader()
d.search_paths.insert(0, custom)
appended = d.load_service_model("sqs", "service-2")
print(json.dumps({"same": same, "custom_ops": len(own["operations"]), "appended_ops": len(appended["operations"]),
                  "default_ops": len(a.load_service_model("sqs", "service-2")["operations"]),
                  "wrapped_once": not getattr(L.Loader.load_service_model.__wrapped__, "_nimbus_shared", False)}))
`;

test('Loaders with the same search paths share their reads; other paths read their own files', () => {
  const py = resolvePython();
  const out = execFileSync(py.executable, ['-c', PROBE], { cwd: pythonRuntimeDir(), encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: pythonRuntimeDir() } });
  const r = JSON.parse(out) as Record<string, unknown>;
  assert.equal(r.same, true, 'two default Loaders get the very same model');
  assert.equal(r.custom_ops, 0, 'a Loader with its own data path reads its own model');
  assert.equal(r.appended_ops, 0, 'a path added after creation counts at read time');
  assert.ok((r.default_ops as number) > 10, 'the default Loader still has the real model');
  assert.equal(r.wrapped_once, true);
});
