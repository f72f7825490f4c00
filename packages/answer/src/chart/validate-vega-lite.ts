import { createRequire } from 'node:module';
import { AskdataError } from '@askdata/core';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
let validator: ValidateFunction | undefined;

/** Compiling the Vega-Lite schema takes a moment, so it happens once, on first use. */
function schemaValidator(): ValidateFunction {
  if (!validator) {
    const schema = require('vega-lite/vega-lite-schema.json') as Record<string, unknown>;
    // The schema is draft-07 with union types and formats ajv's strict mode rejects; they are Vega's, not ours.
    // Skipping ajv's code optimisation compiles this large schema in under 2 s instead of about 10 s.
    const ajv = new Ajv({
      strict: false,
      allErrors: false,
      allowUnionTypes: true,
      validateFormats: false,
      code: { optimize: false },
    });
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Problems with a spec against the Vega-Lite JSON schema, as short "path: message" lines (empty when valid). */
export function vegaLiteSchemaErrors(spec: unknown): string[] {
  const validate = schemaValidator();
  if (validate(spec)) return [];
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath || '/'}: ${error.message ?? 'invalid'}`);
}

/** Throws `spec_invalid` when a spec does not match the Vega-Lite JSON schema. */
export function validateVegaLite(spec: unknown): void {
  const errors = vegaLiteSchemaErrors(spec);
  if (errors.length > 0) {
    throw new AskdataError('spec_invalid', 'The chart specification is not valid Vega-Lite.', {
      hint: errors[0],
      details: { errors },
    });
  }
}
