// Bootstraps for the custom-runtime tests, written as users write them: a shell script
// driving curl (here), and tiny HTTP/1.1 clients over plain sockets in C and in Rust
// (custom-runtime-native.ts), compiled by the test. They answer events {"action": ...};
// the shell one also misbehaves on request, to probe the Runtime API's refusals.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync, type ZipOptions } from 'fflate';

/** A zip as `zip` on Unix makes it: each entry with its Unix mode in the external attributes. */
export function unixZip(files: Record<string, [string | Uint8Array, number]>): Uint8Array {
  const entries: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const [name, [body, mode]] of Object.entries(files)) {
    entries[name] = [typeof body === 'string' ? strToU8(body) : body, { os: 3, attrs: (0o100000 | mode) * 0x10000 }];
  }
  return zipSync(entries);
}

/** Compiles one source file with `cmd` (gcc, rustc) into an executable's bytes. */
export function compile(cmd: string, args: (src: string, out: string) => string[], ext: string, source: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-bootstrap-'));
  try {
    const src = join(dir, `main.${ext}`);
    const out = join(dir, 'bootstrap');
    writeFileSync(src, source);
    execFileSync(cmd, args(src, out), { stdio: 'pipe' });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** curl's status codes of the protocol probes go to $TMPDIR/codes; {"action":"report"} returns them. */
export const SHELL_BOOTSTRAP = `#!/bin/sh
set -u
API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
CODES="$TMPDIR/codes"
if [ "\${FAIL_INIT:-}" = 1 ]; then
  curl -sS -o /dev/null -X POST "$API/init/error" -H 'Lambda-Runtime-Function-Error-Type: Runtime.ConfigError' \\
    --data-binary '{"errorMessage":"TABLE_NAME is not set","errorType":"Runtime.ConfigError","stackTrace":[]}'
  exit 1
fi
echo "init: shell runtime for $_HANDLER"
code() { curl -sS -o /dev/null -w '%{http_code} ' "$@" >> "$CODES"; }
while true; do
  EVENT=$(curl -sS -D "$TMPDIR/headers" "$API/invocation/next")
  ID=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$TMPDIR/headers" | tr -d '\\r' | cut -d' ' -f2)
  DEADLINE=$(grep -i '^Lambda-Runtime-Deadline-Ms:' "$TMPDIR/headers" | tr -d '\\r' | cut -d' ' -f2)
  ARN=$(grep -i '^Lambda-Runtime-Invoked-Function-Arn:' "$TMPDIR/headers" | tr -d '\\r' | cut -d' ' -f2)
  echo "handling $ID"
  case "$EVENT" in
    *'"fail"'*)
      curl -sS -o /dev/null -X POST "$API/invocation/$ID/error" -H 'Lambda-Runtime-Function-Error-Type: Handler.Failed' \\
        --data-binary '{"errorMessage":"could not reticulate splines","errorType":"Handler.Failed","stackTrace":["bootstrap:1"]}' ;;
    *'"sleep"'*)
      sleep 5
      curl -sS -o /dev/null -X POST "$API/invocation/$ID/response" --data-binary '"woke up"' ;;
    *'"misbehave"'*)
      : > "$CODES"
      code "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/nonsense"
      code "$API/invocation/$ID/frobnicate" -X POST --data-binary x
      code "$API/invocation/not-the-id/response" -X POST --data-binary x
      code "$API/invocation/next"
      code "$API/invocation/next" -X DELETE
      code "$API/init/error" -X POST --data-binary '{}'
      code "$API/invocation/$ID/response" -X POST --data-binary 'not json {'
      code "$API/invocation/$ID/response" -X POST --data-binary 'twice' ;;
    *'"big"'*)
      : > "$CODES"
      head -c 7340032 /dev/zero | tr '\\0' 'a' > "$TMPDIR/big"
      code "$API/invocation/$ID/response" -X POST --data-binary "@$TMPDIR/big" ;;
    *'"report"'*)
      curl -sS -o /dev/null -X POST "$API/invocation/$ID/response" --data-binary "\\"$(cat "$CODES")\\"" ;;
    *)
      curl -sS -o /dev/null -X POST "$API/invocation/$ID/response" \\
        --data-binary "{\\"event\\":$EVENT,\\"requestId\\":\\"$ID\\",\\"deadline\\":$DEADLINE,\\"arn\\":\\"$ARN\\",\\"pid\\":$$,\\"cwd\\":\\"$PWD\\",\\"taskRoot\\":\\"$LAMBDA_TASK_ROOT\\",\\"handler\\":\\"$_HANDLER\\"}" ;;
  esac
done
`;

