// Check pl_vocab's JSON Schema and records with ajv in strict mode (used by tests/test_contract.py).
// Input on stdin: {"schema": <schema.json>, "cases": [{"class": "Learner", "data": {...}}, ...]}.
// Output on stdout: {"compiled": true, "results": [{"valid": bool, "errors": [...]}, ...]};
// a schema ajv refuses is {"compiled": false, "error": "..."} (exit code 0 either way).
"use strict";
const Ajv2019 = require("ajv/dist/2019").default;
const addFormats = require("ajv-formats").default;

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const ajv = new Ajv2019({ strict: true, allErrors: true });
addFormats(ajv);
const out = { compiled: true, results: [] };
try {
  ajv.addSchema(input.schema, "pl_vocab");
  ajv.getSchema("pl_vocab"); // compiles the whole schema: strict mode reports unknown keywords here
  const byClass = {};
  for (const c of input.cases) {
    let validate = byClass[c.class];
    if (validate === undefined) {
      validate = ajv.getSchema("pl_vocab#/$defs/" + c.class);
      if (!validate) throw new Error("no $defs/" + c.class + " in the schema");
      byClass[c.class] = validate;
    }
    const valid = validate(c.data);
    out.results.push({ valid: valid, errors: valid ? [] : validate.errors });
  }
} catch (e) {
  out.compiled = false;
  out.error = String(e && e.message ? e.message : e);
}
process.stdout.write(JSON.stringify(out));
