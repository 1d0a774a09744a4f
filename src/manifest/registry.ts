/**
 * Finds connector manifests. A built package reads the parsed, validated JSON its build wrote (fast start-up);
 * from source, and for connectors outside the package, the YAML is parsed and checked on load.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ValidationError } from "../errors.js";
import { packageRoot, readBuiltManifest } from "./built.js";
import { loadManifestFile } from "./loader.js";
import type { Manifest } from "./types.js";

export const bundledConnectorsDir = join(packageRoot, "connectors");

const cache = new Map<string, Manifest>();

export function listConnectorNames(dir = bundledConnectorsDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "connector.yaml")))
    .map((d) => d.name)
    .sort();
}

export function manifestPath(name: string, dir = bundledConnectorsDir): string {
  return join(dir, name, "connector.yaml");
}

export function findManifest(name: string, dir?: string): Manifest {
  const key = `${dir ?? ""}\0${name}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const manifest = readManifest(name, dir);
  cache.set(key, manifest);
  return manifest;
}

function readManifest(name: string, dir: string | undefined): Manifest {
  const built = dir ? undefined : readBuiltManifest(name);
  if (built) return built;
  const file = manifestPath(name, dir);
  if (!/^[a-z][a-z0-9_]*$/.test(name) || !existsSync(file)) {
    const known = listConnectorNames(dir);
    throw new ValidationError(`unknown connector "${name}"; available: ${known.join(", ") || "(none)"}`);
  }
  return loadManifestFile(file);
}
