/**
 * The script's world, as JavaScript run inside the VM before the script: a global per connector
 * (`harvest.time_entries.list(params, options)`, `.account(name)`, `.docs(path)`), `docs()` and `console`. It is
 * handed the host's three functions and never puts them on a global: everything crosses as JSON text. `finish`
 * turns the script's outcome into one string: "R" + JSON of the result, "U" (nothing returned), "L" + length (too
 * large), or "E" + JSON of the error (its `ref` when it is a call's error the script let through).
 */
export const PRELUDE = String.raw`(function (host, hostSync, log, setupText) {
  "use strict";
  const { parse, stringify } = JSON;
  const setup = parse(setupText);
  const refs = new WeakMap();

  function callError(info, stack) {
    const error = new Error(String(info.message));
    for (const key of Object.keys(info)) if (key !== "ref" && key !== "message") error[key] = info[key];
    error.stack = stack;
    if (info.ref !== undefined) refs.set(error, info.ref);
    return error;
  }

  function request(op, payload) {
    const stack = new Error().stack;
    let text;
    try {
      text = stringify(payload);
    } catch (error) {
      return Promise.reject(callError({ name: "TypeError", message: "params and options must be JSON values: " + error.message }, stack));
    }
    return host(op, text).then(parse, (failure) => {
      throw callError(parse(failure), stack);
    });
  }

  function docs(connector, path) {
    const answer = parse(hostSync("docs", stringify({ connector, path })));
    if (answer.error) throw callError(answer.error, new Error().stack);
    return answer.ok;
  }

  function addActions(target, connector, account, entity) {
    for (const action of connector.entities[entity]) {
      const run = (params, options) => request("call", { connector: connector.name, account, entity, action, params, options });
      Object.defineProperty(target, action, { value: run, enumerable: true });
    }
    return target;
  }

  function api(connector, account) {
    const accounts = new Map();
    const methods = {
      account(name) {
        if (typeof name !== "string" || name === "") throw new TypeError(connector.name + '.account() needs the name of an account, such as "work"');
        if (!accounts.has(name)) accounts.set(name, api(connector, name));
        return accounts.get(name);
      },
      docs: (path) => docs(connector.name, path),
    };
    const target = {};
    for (const name of Object.keys(methods)) Object.defineProperty(target, name, { value: methods[name] });
    for (const entity of Object.keys(connector.entities)) {
      // An entity named like a method (harvestapi's "account") keeps its actions on the method itself.
      if (Object.hasOwn(methods, entity)) addActions(methods[entity], connector, account, entity);
      else Object.defineProperty(target, entity, { value: Object.freeze(addActions({}, connector, account, entity)), enumerable: true });
    }
    return Object.freeze(target);
  }

  function format(value) {
    if (typeof value === "string") return value;
    try {
      if (value instanceof Error) return value.name + ": " + value.message;
      const text = stringify(value);
      return text === undefined ? String(value) : text;
    } catch (error) {
      return "[a value that cannot be shown]";
    }
  }

  const console = {};
  for (const level of ["log", "warn", "error"]) console[level] = (...args) => log(level, args.map(format).join(" "));
  console.info = console.log;
  console.debug = console.log;
  globalThis.console = Object.freeze(console);
  globalThis.docs = (path) => docs(undefined, path);
  for (const connector of setup.connectors) globalThis[connector.name] = api(connector, undefined);

  function describe(error) {
    try {
      if (error === null || typeof error !== "object") return { name: "Error", message: "the script threw " + format(error) };
      return { ref: refs.get(error), name: String(error.name), message: String(error.message), stack: typeof error.stack === "string" ? error.stack : "" };
    } catch (failure) {
      return { name: "Error", message: "the script threw a value that cannot be described" };
    }
  }

  return async function finish(promise) {
    try {
      const value = await promise;
      const text = value === undefined ? undefined : stringify(value);
      if (text === undefined) return "U";
      return text.length > setup.maxResultChars ? "L" + text.length : "R" + text;
    } catch (error) {
      return "E" + stringify(describe(error));
    }
  };
})`;

/** The script as the body of an async function, its first line on the file's first line (so error lines match). */
export function wrapScript(code: string): string {
  return `(async () => {${code}\n})()`;
}
