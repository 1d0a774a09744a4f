/** One configured ajv for manifests and params: strict, every error at once, real calendar dates. */
import { Ajv, type Options } from "ajv";
import addFormatsModule from "ajv-formats";

// ajv-formats ships CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, strictTypes: false, discriminator: true, ...options });
  addFormats(ajv);
  return ajv;
}
