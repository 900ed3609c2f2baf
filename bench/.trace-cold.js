'use strict';
const path='/work/main/dist/';
const { InvokeCommand } = require('@aws-sdk/client-lambda');
const { LambdaInvoker } = require(path+'invoke/invoker');
const { Pool } = require(path+'pool/pool');
const { ExecutionEnvironment } = require(path+'pool/execution-environment');
const http = require('node:http');
const { nimbus, stats } = require('/work/main/bench/lib');
let T = {}; const mark = (k) => { if (!(k in T)) T[k] = performance.now(); };
const wrap = (proto, name, label) => { const o = proto[name]; proto[name] = function (...a) { mark(label+'>'); const r = o.apply(this, a);
  if (r && r.then) r.then(() => mark(label+'<'), () => {}); else mark(label+'<'); return r; }; };
wrap(LambdaInvoker.prototype, 'invoke', 'invoker');
wrap(Pool.prototype, 'invoke', 'pool');
wrap(ExecutionEnvironment.prototype, 'start', 'envstart');
wrap(ExecutionEnvironment.prototype, 'onNext', 'onNext');
wrap(ExecutionEnvironment.prototype, 'invoke', 'envinvoke');
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (ev, req, res) { if (ev === 'request' && req.url.includes('invocations')) { mark('req'); res.on('finish', () => mark('finish')); } return emit.apply(this, arguments); };
(async () => {
  const n = await nimbus();
  n.lambda.middlewareStack.add((next) => async (args) => { mark('built'); return next(args); }, { step: 'build', priority: 'low' });
  n.lambda.middlewareStack.add((next) => async (args) => { mark('signed'); const r = await next(args); mark('resp'); return r; }, { step: 'finalizeRequest', priority: 'low' });
  n.lambda.middlewareStack.add((next) => async (args) => { mark('init'); return next(args); }, { step: 'initialize', priority: 'high' });
  const cr = http.ClientRequest.prototype.end; http.ClientRequest.prototype.end = function (...a) { mark('http.end'); return cr.apply(this, a); };
  const rows = [];
  for (let i = 0; i < 30; i++) await n.create(`c-${i}`);
  await n.lambda.send(new InvokeCommand({ FunctionName: 'c-0', Payload: '{}' }));
  for (let i = 1; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 500));
    T = {}; const t0 = performance.now(); mark('client');
    await n.lambda.send(new InvokeCommand({ FunctionName: process.env.WARM ? "c-0" : `c-${i}`, Payload: '{}', LogType: 'Tail' }));
    mark('done');
    rows.push(Object.fromEntries(Object.entries(T).map(([k, v]) => [k, v - t0])));
  }
  await n.close();
  const keys = Object.keys(rows[0]).sort((a, b) => rows[0][a] - rows[0][b]);
  for (const k of keys) console.log(k.padEnd(12), stats(rows.map((r) => r[k] ?? NaN)).p50.toFixed(2));
})();
