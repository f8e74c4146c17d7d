/*
 * Hearth's Node.js runtime: runs an AWS Lambda Node.js handler against the Lambda Runtime API.
 *
 * Started by Hearth as `node bootstrap.js` inside a sandbox, working directory LAMBDA_TASK_ROOT. It
 * loads the handler named by _HANDLER ("file.fn", "dir/file.fn", "file.obj.fn"; file.js, .mjs,
 * .cjs, an extensionless file or a package, as Lambda resolves them), then loops: GET
 * /runtime/invocation/next, call the handler, POST the result or the error. A load failure is
 * posted to /runtime/init/error and the process exits with status 129. With HEARTH_LATE_BINDING=1
 * (a warming-pool sandbox) the first /next answer is instead a binding document naming the
 * function (see awaitBinding). When the Runtime API
 * cannot be reached (or goes away) the process exits with status 1.
 *
 * Semantics follow the official runtime interface client (aws-lambda-nodejs-runtime-interface-
 * client): async handlers (the returned promise settles the invoke), callback handlers
 * (callback(err, result); with context.callbackWaitsForEmptyEventLoop true, the default, the
 * result is posted once the event loop is empty, as Lambda does; false posts at once), a handler
 * that returns neither yields null once the event loop is empty (an async one fails with
 * Runtime.NodeJsExit), context.succeed/fail/done, console patched to Lambda's
 * "time\trequestId\tLEVEL\tmessage" lines, error bodies {errorType, errorMessage, trace}. An
 * uncaught exception (unhandled rejection) during an invoke is posted as that invoke's error
 * (Runtime.UnhandledPromiseRejection) and the process exits with 129 (128), as Lambda's does.
 * Not supported: response streaming (awslambda.streamifyResponse). Handlers may require or import
 * 'hearth' (Hearth's key-value store client, node_modules/hearth beside this file).
 *
 * Speed: only built-in modules; HTTP/1.1 is spoken over one keep-alive socket with a minimal
 * parser (runtime-api.js). The socket is unref'd while a handler runs so that "the event loop is
 * empty" can be observed through 'beforeExit'. When HEARTH_RUNTIME_SOCKET names a Unix-domain socket (an
 * isolated sandbox, which has no network path to the host) that socket is used instead of TCP;
 * the path prefix and Host header still come from AWS_LAMBDA_RUNTIME_API. There
 * HEARTH_RUNTIME_RELAY names that variable's host:port on the sandbox's own loopback, which this
 * process then serves for handler code (relay.js).
 */
'use strict';

const fs = require('fs');
const path = require('path');
const util = require('util');

const ENV = process.env;
const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');
const { RuntimeApi, leave } = require('./runtime-api.js');

/* ------------------------------------------------------------------------------------------
 * Console: Lambda's text log format.
 */
function patchConsole() {
  const line = (level) => (...args) => {
    const text = `${new Date().toISOString()}\t${globalThis[REQUEST_ID]}\t${level}\t${util.format(...args)}`;
    process.stdout.write(text.replace(/\n/g, '\r') + '\n');
  };
  console.trace = line('TRACE');
  console.debug = line('DEBUG');
  console.info = line('INFO');
  console.log = console.info;
  console.warn = line('WARN');
  console.error = line('ERROR');
  console.fatal = line('FATAL');
}

/* ------------------------------------------------------------------------------------------
 * Errors, in the shapes of the official client.
 */
function runtimeError(name, message) {
  const e = new Error(message);
  e.name = name;
  return e;
}

function isErrorLike(e) {
  return util.types.isNativeError(e) || (e && typeof e.name === 'string' && typeof e.message === 'string' &&
    typeof e.stack === 'string');
}

function errorBody(error) {
  try {
    if (isErrorLike(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: String(error.stack || '').split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch (_) {
    return {
      errorType: 'handled', trace: [],
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

function formatted(error) {
  try {
    return '\t' + JSON.stringify(error, (_k, v) => {
      if (!(v instanceof Error)) return v;
      const out = Object.assign({ errorType: v.name, errorMessage: v.message, code: v.code }, v);
      if (typeof v.stack === 'string') out.stack = v.stack.split('\n');
      return out;
    });
  } catch (_) {
    return '\t' + JSON.stringify(errorBody(error));
  }
}

function postError(api, route, error) {
  const body = errorBody(error);
  const type = String(body.errorType).replace(/[\r\n]/g, ' ');
  return flushed().then(() => api.post(route, JSON.stringify(body), `Lambda-Runtime-Function-Error-Type: ${type}\r\n`));
}

/** Resolves once stdout and stderr have handed everything written so far to the pipe. */
function flushed() {
  const waits = [];
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.writableLength > 0) waits.push(new Promise((resolve) => stream.write('', resolve)));
  }
  return waits.length === 0 ? Promise.resolve() : Promise.all(waits);
}

/* ------------------------------------------------------------------------------------------
 * Loading the handler, as Lambda resolves "dir/file.fn".
 */
function hasTypeModule(dir) {
  for (;;) {
    if (dir.endsWith('/node_modules')) return false;
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(pj, 'utf8'));
        return !!pkg && pkg.type === 'module';
      } catch (e) {
        console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`, e);
        return false;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

async function importModule(file) {
  const { pathToFileURL } = require('url');
  resolveHearthFromEsm();
  return import(pathToFileURL(file).href);
}

/* ------------------------------------------------------------------------------------------
 * `require('hearth')` and `import ... from 'hearth'`: Hearth's client, in node_modules beside this
 * file, resolvable from any handler without touching its package (its own 'hearth' wins).
 */
const HEARTH_MODULES = path.join(__dirname, 'node_modules');

/** CommonJS: this node_modules joins NODE_PATH, as Lambda lists /var/runtime/node_modules there. */
function resolveHearthFromCommonJs() {
  const dirs = ENV.NODE_PATH ? ENV.NODE_PATH.split(path.delimiter) : [];
  if (dirs.includes(HEARTH_MODULES)) return;
  ENV.NODE_PATH = dirs.concat(HEARTH_MODULES).join(path.delimiter);
  require('module')._initPaths();
}

let esmHooked = false;

/**
 * ES modules ignore NODE_PATH: a resolve hook maps 'hearth' to the client when nothing else
 * resolves it. Installed only before an ES module handler is imported, since on Node.js without
 * module.registerHooks (before 22.15) the hook runs on a loader thread that costs ~40 ms to start.
 */
function resolveHearthFromEsm() {
  if (esmHooked) return;
  esmHooked = true;
  const Module = require('module');
  const url = require('url').pathToFileURL(path.join(HEARTH_MODULES, 'hearth', 'index.js')).href;
  const missing = (e) => e && e.code === 'ERR_MODULE_NOT_FOUND';
  if (typeof Module.registerHooks === 'function') {
    Module.registerHooks({
      resolve(specifier, context, next) {
        if (specifier !== 'hearth') return next(specifier, context);
        try { return next(specifier, context); } catch (e) { if (missing(e)) return { url, shortCircuit: true }; throw e; }
      },
    });
  } else if (typeof Module.register === 'function') {
    Module.register('data:text/javascript,' + encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        if (specifier !== 'hearth') return next(specifier, context);
        try { return await next(specifier, context); } catch (e) {
          if (e && e.code === 'ERR_MODULE_NOT_FOUND') return { url: ${JSON.stringify(url)}, shortCircuit: true };
          throw e;
        }
      }`));
  }
}

async function loadModule(appRoot, moduleRoot, name) {
  const base = path.resolve(appRoot, moduleRoot, name);
  if (fs.existsSync(base)) return require(base);
  const typeModule = hasTypeModule(path.dirname(base));
  if (!typeModule && fs.existsSync(base + '.js')) return require(base + '.js');
  if (typeModule && fs.existsSync(base + '.js')) return importModule(base + '.js');
  if (fs.existsSync(base + '.mjs')) return importModule(base + '.mjs');
  if (fs.existsSync(base + '.cjs')) return require(base + '.cjs');
  return require(require.resolve(name, { paths: [appRoot, path.resolve(appRoot, moduleRoot)] }));
}

async function loadHandler(appRoot, fullHandler) {
  if (fullHandler.includes('..')) {
    throw runtimeError('Runtime.MalformedHandlerName',
      `'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const handlerString = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(handlerString));
  const match = handlerString.match(/^([^.]*)\.(.*)$/);
  if (!match) throw runtimeError('Runtime.MalformedHandlerName', 'Bad handler');
  let app;
  try {
    app = await loadModule(appRoot, moduleRoot, match[1]);
  } catch (e) {
    if (e instanceof SyntaxError) throw runtimeError('Runtime.UserCodeSyntaxError', String(e));
    if (e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND')) {
      throw runtimeError('Runtime.ImportModuleError', String(e));
    }
    throw e;
  }
  const fn = match[2].split('.').reduce((obj, key) => obj && obj[key], app);
  if (!fn) throw runtimeError('Runtime.HandlerNotFound', `${fullHandler} is undefined or not exported`);
  if (typeof fn !== 'function') throw runtimeError('Runtime.HandlerNotFound', `${fullHandler} is not a function`);
  return fn;
}

/* ------------------------------------------------------------------------------------------
 * Invocations.
 */
const FUNCTION = {};

/** The function's identity for contexts, from the environment (read again after a late binding). */
function readFunction() {
  FUNCTION.functionName = ENV.AWS_LAMBDA_FUNCTION_NAME;
  FUNCTION.functionVersion = ENV.AWS_LAMBDA_FUNCTION_VERSION;
  FUNCTION.memoryLimitInMB = ENV.AWS_LAMBDA_FUNCTION_MEMORY_SIZE;
  FUNCTION.logGroupName = ENV.AWS_LAMBDA_LOG_GROUP_NAME;
  FUNCTION.logStreamName = ENV.AWS_LAMBDA_LOG_STREAM_NAME;
}
readFunction();

/**
 * Late binding: a generic (warming-pool) sandbox waits for its function. The first answer to
 * /next is the binding document (header Lambda-Runtime-Hearth-Binding): the function's whole
 * environment and task root, applied here. Returns the document's request id, answered with {}
 * once the handler is loaded.
 */
async function awaitBinding(api) {
  const res = await api.request(api.nextHead);
  if (res.status !== 200 || res.headers['lambda-runtime-hearth-binding'] !== '1') {
    leave(1, `Runtime API answered ${res.status} to the binding poll without a binding document; exiting`);
  }
  const document = JSON.parse(res.body.toString('utf8'));
  delete ENV.HEARTH_LATE_BINDING;
  Object.assign(ENV, document.environment);
  process.chdir(document.taskRoot);
  readFunction();
  return res.headers['lambda-runtime-aws-request-id'];
}

/** The invocation being handled: the uncaught-error and 'beforeExit' hooks act on it. */
let current = null;

function parseHeaderJson(text, name) {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw runtimeError('Runtime.LambdaContextUnmarshalError', `Unable to parse ${name} JSON: ${e.message}`);
  }
}

function serialize(result) {
  try {
    const text = JSON.stringify(result === undefined ? null : result);
    return text === undefined ? 'null' : text;
  } catch (e) {
    throw runtimeError('Runtime.MarshalError', `Unable to stringify response body: ${e.message}`);
  }
}

/** Runs one invocation; resolves once its response or error has been posted. */
function invoke(api, handler, isAsync, res) {
  return new Promise((posted) => {
    const h = res.headers;
    const id = h['lambda-runtime-aws-request-id'];
    const trace = h['lambda-runtime-trace-id'];
    if (trace !== ENV._X_AMZN_TRACE_ID) {
      if (trace === undefined) delete ENV._X_AMZN_TRACE_ID; else ENV._X_AMZN_TRACE_ID = trace;
    }
    globalThis[REQUEST_ID] = id;
    const inv = { id, reported: false, onEmpty: null };
    current = inv;

    const report = (err, result) => {
      if (inv.reported) return;
      inv.reported = true;
      inv.onEmpty = null;
      let body;
      if (err === null) {
        try { body = serialize(result); } catch (e) { err = e; }
      }
      if (err !== null) {
        console.error('Invoke Error', formatted(err));
        postError(api, `invocation/${id}/error`, err).then(posted);
      } else {
        flushed().then(() => api.post(`invocation/${id}/response`, body)).then(posted);
      }
    };
    let settled = false;
    let waits = true;
    const once = (fn) => (...args) => { if (!settled) { settled = true; fn(...args); } };
    const done = (err, result) => report(err === undefined || err === null ? null : err, result);
    const callback = once((err, result) => {
      if (err !== undefined && err !== null) report(err);
      else if (!waits) report(null, result);
      else inv.onEmpty = () => setImmediate(() => report(null, result));
    });
    const deadline = Number(h['lambda-runtime-deadline-ms']) || 0;
    const context = {
      get callbackWaitsForEmptyEventLoop() { return waits; },
      set callbackWaitsForEmptyEventLoop(value) { waits = value; },
      succeed: once((result) => done(null, result)),
      fail: once((err) => done(err === undefined || err === null ? 'handled' : err)),
      done: once(done),
      functionName: FUNCTION.functionName,
      functionVersion: FUNCTION.functionVersion,
      memoryLimitInMB: FUNCTION.memoryLimitInMB,
      logGroupName: FUNCTION.logGroupName,
      logStreamName: FUNCTION.logStreamName,
      invokedFunctionArn: h['lambda-runtime-invoked-function-arn'],
      awsRequestId: id,
      getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
    };
    inv.onEmpty = isAsync
      ? () => report(runtimeError('Runtime.NodeJsExit', 'The event loop is empty but the async handler has not settled its promise'))
      : () => report(null, null);
    try {
      context.clientContext = parseHeaderJson(h['lambda-runtime-client-context'], 'ClientContext');
      context.identity = parseHeaderJson(h['lambda-runtime-cognito-identity'], 'CognitoIdentity');
      const result = handler(JSON.parse(res.body.toString('utf8')), context, callback);
      if (result && typeof result.then === 'function') {
        result.then(context.succeed, context.fail);
      }
    } catch (err) {
      callback(err);
    }
  });
}

async function main() {
  patchConsole();
  let api;
  try {
    api = new RuntimeApi(ENV.AWS_LAMBDA_RUNTIME_API || '', ENV.HEARTH_RUNTIME_SOCKET || '');
  } catch (e) {
    leave(1, e.message);
  }
  if (ENV.HEARTH_RUNTIME_RELAY && ENV.HEARTH_RUNTIME_SOCKET) {
    const relayError = (e) => process.stderr.write(
      `hearth: cannot serve the Runtime API port ${ENV.HEARTH_RUNTIME_RELAY} for handler code: ${e.message}\n`);
    try {
      require('./relay.js').serve(ENV.HEARTH_RUNTIME_RELAY, ENV.HEARTH_RUNTIME_SOCKET, relayError);
    } catch (e) {
      relayError(e);
    }
  }
  api.connect();
  let initializing = true;
  const fatal = (label, error, code) => {
    console.error(label, formatted(error));
    const inv = current;
    let route = null;
    if (api.pending !== null) leave(code); // the connection is busy: nothing more can be reported
    if (initializing) route = 'init/error';
    else if (inv !== null && !inv.reported) { inv.reported = true; route = `invocation/${inv.id}/error`; }
    if (route === null) leave(code);
    postError(api, route, error).then(() => leave(code));
  };
  process.on('uncaughtException', (err) => fatal('Uncaught Exception', err, 129));
  process.on('unhandledRejection', (reason) => {
    let text;
    try { text = String(reason); } catch (_) { text = Object.prototype.toString.call(reason); }
    const error = runtimeError('Runtime.UnhandledPromiseRejection', text);
    if (reason && typeof reason.stack === 'string') error.stack = `${error.name}: ${error.message}\n${reason.stack}`;
    fatal('Unhandled Promise Rejection', error, 128);
  });
  process.on('beforeExit', () => {
    const inv = current;
    if (inv !== null && inv.onEmpty !== null) {
      const onEmpty = inv.onEmpty;
      inv.onEmpty = null;
      onEmpty();
    }
  });

  let handler;
  const bindId = ENV.HEARTH_LATE_BINDING === '1' ? await awaitBinding(api) : null;
  resolveHearthFromCommonJs();
  try {
    handler = await loadHandler(ENV.LAMBDA_TASK_ROOT || process.cwd(), ENV._HANDLER || '');
  } catch (e) {
    console.error('Init Error', formatted(e));
    await postError(api, 'init/error', e);
    leave(129);
  }
  initializing = false;
  if (bindId !== null) await flushed().then(() => api.post(`invocation/${bindId}/response`, '{}'));
  const isAsync = handler.constructor && handler.constructor.name === 'AsyncFunction';
  for (;;) {
    const res = await api.request(api.nextHead);
    if (res.status !== 200) leave(1, `Runtime API answered ${res.status} to GET invocation/next: ${res.body.toString('utf8', 0, 512)}; exiting`);
    if (!res.headers['lambda-runtime-aws-request-id']) leave(1, 'Runtime API sent an invocation without Lambda-Runtime-Aws-Request-Id; exiting');
    await invoke(api, handler, isAsync, res);
  }
}

main();
