/** The third connector of the shared suites: a YAML file and a sandbox in test/fixtures, registered like a user would. */
import { registerSandbox } from "../../src/testing.js";
import { TALLY_DIR, tallySandbox } from "../fixtures/connectors/tally/sandbox.js";

registerSandbox("tally", tallySandbox);

export const THIRD = { name: "tally", dir: TALLY_DIR };
