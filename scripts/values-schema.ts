import { toJsonSchema } from '@valibot/to-json-schema';
import type { ConversionConfig } from '@valibot/to-json-schema';
import { dataFormOf, toData } from '../lib/options/data-forms';
import { tableOf } from '../lib/stages/resolve';
import type { StageName } from '../lib/stages/names';

// The JSON Schema of a values file, derived from the stage's table of options: one property per
// prop, with its help, its default and its rules where JSON Schema can say them. Editors complete
// and check a values file with it; the stage's own checks remain the judge.

type JsonSchema = Record<string, unknown>;

const CONVERSION: ConversionConfig = {
  errorMode: 'throw',
  // Typed values are written in their data form: 64Mi, 500m, 7d, a Kubernetes object.
  overrideSchema: (context) => {
    const form = dataFormOf(context.valibotSchema);
    return form && { ...form.jsonSchema };
  },
  // A check that JSON Schema cannot say is described instead: its message says what is allowed.
  overrideAction: (context) => {
    const action = context.valibotAction as { type: string; message?: unknown };
    if (action.type !== 'check' && action.type !== 'raw_check') {
      return undefined;
    }
    return typeof action.message === 'string' ? { ...context.jsonSchema, description: action.message } : context.jsonSchema;
  },
};

/** The JSON Schema of a values file of `stage`. */
export function valuesJsonSchema(stage: StageName): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [key, spec] of Object.entries(tableOf(stage, false))) {
    // A prop that is always refused (a password) is left out, so that editors flag it.
    if (spec.value.type === 'never') {
      continue;
    }
    const { $schema: _, description: allowed, ...schema } = toJsonSchema(spec.value, CONVERSION) as JsonSchema;
    const description = [`${spec.help}.`, allowed === undefined ? '' : ` Allowed: ${String(allowed)}.`, spec.defaultText === undefined ? '' : ` Default: ${spec.defaultText}.`].join('');
    properties[key] = {
      ...schema,
      description,
      ...(spec.default === undefined ? {} : { default: toData(spec.value, spec.default) }),
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `cdk8s-mailpit ${stage} values`,
    description: `The props of the ${stage} stage, for npm run synth -- --stage ${stage} --values FILE. Quantities are written as in a manifest: 64Mi, 500m, 7d.`,
    type: 'object',
    additionalProperties: false,
    properties,
  };
}

/** The stages whose values file has a committed JSON Schema: those a platform engineer runs. */
export const SCHEMA_STAGES = ['hardened', 'ha'] as const satisfies readonly StageName[];

/** Where the JSON Schema of a stage's values file is committed, from the package root. */
export function valuesSchemaFile(stage: (typeof SCHEMA_STAGES)[number]): string {
  return `schema/${stage}.values.schema.json`;
}

/** The committed text of a stage's schema. */
export function valuesSchemaText(stage: (typeof SCHEMA_STAGES)[number]): string {
  return `${JSON.stringify(valuesJsonSchema(stage), null, 2)}\n`;
}
