// A small JSON-Schema validator for the subset the intake contract uses: type, required, properties,
// additionalProperties (false or a schema), unevaluatedProperties: false (over properties of the
// schema and its allOf parts), enum, const, pattern, min/maxLength, minimum/maximum, items,
// min/maxItems, allOf, $ref, format date-time. The intake validates against the contract file
// itself (intake-openapi.json in this package), so the contract and every store cannot drift.

/**
 * The nesting depth of a JSON text, found without parsing it (strings are skipped), or -1 as soon as
 * it passes `max`. JSON.parse and the validator recurse; a body 10,000 levels deep must be refused
 * before either runs.
 * @param {string} text
 * @param {number} max
 */
export function jsonDepth(text, max) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > max) return -1;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

export function createValidator(doc) {
  const resolve = (ref) =>
    ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((node, key) => node[key], doc);
  const patterns = new Map();
  const regex = (p) => {
    let r = patterns.get(p);
    if (!r) patterns.set(p, (r = new RegExp(p, 'u')));
    return r;
  };

  /** Property names a schema evaluates (its own properties and those of its allOf parts). */
  function evaluated(schema, into = new Set()) {
    if (schema.$ref) return evaluated(resolve(schema.$ref), into);
    for (const k of Object.keys(schema.properties ?? {})) into.add(k);
    for (const part of schema.allOf ?? []) evaluated(part, into);
    return into;
  }

  /** @returns {string | null} the first problem, as "path: message", or null when valid */
  function check(schema, value, path) {
    if (schema.$ref) return check(resolve(schema.$ref), value, path);
    if (schema.allOf) {
      for (const part of schema.allOf) {
        const problem = check(part, value, path);
        if (problem) return problem;
      }
    }
    if ('const' in schema && value !== schema.const) return `${path}: must be ${JSON.stringify(schema.const)}`;
    if (schema.enum && !schema.enum.includes(value)) return `${path}: must be one of ${schema.enum.join(', ')}`;
    const type = schema.type;
    if (type) {
      const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
      const ok = type === 'integer' ? Number.isInteger(value) : actual === type;
      if (!ok) return `${path}: must be ${type === 'object' ? 'an object' : type === 'integer' ? 'an integer' : `a ${type}`}`;
    }
    if (typeof value === 'string') {
      if (schema.minLength !== undefined && value.length < schema.minLength) return `${path}: must not be empty`;
      if (schema.maxLength !== undefined && value.length > schema.maxLength) return `${path}: longer than ${schema.maxLength} characters`;
      if (schema.pattern && !regex(schema.pattern).test(value)) return `${path}: does not match ${schema.pattern}`;
      if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) return `${path}: not a date-time`;
    }
    if (typeof value === 'number') {
      if (schema.minimum !== undefined && value < schema.minimum) return `${path}: below ${schema.minimum}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `${path}: above ${schema.maximum}`;
    }
    if (Array.isArray(value)) {
      if (schema.minItems !== undefined && value.length < schema.minItems) return `${path}: needs ${schema.minItems}+ items`;
      if (schema.maxItems !== undefined && value.length > schema.maxItems) return `${path}: more than ${schema.maxItems} items`;
      if (schema.items) {
        for (let i = 0; i < value.length; i++) {
          const problem = check(schema.items, value[i], `${path}[${i}]`);
          if (problem) return problem;
        }
      }
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const key of schema.required ?? []) {
        if (!Object.hasOwn(value, key)) return `${path}.${key}: required`;
      }
      const props = schema.properties ?? {};
      for (const [key, sub] of Object.entries(props)) {
        if (Object.hasOwn(value, key)) {
          const problem = check(sub, value[key], `${path}.${key}`);
          if (problem) return problem;
        }
      }
      if (schema.additionalProperties !== undefined && schema.additionalProperties !== true) {
        for (const key of Object.keys(value)) {
          if (Object.hasOwn(props, key)) continue;
          if (schema.additionalProperties === false) return `${path}.${key}: unknown property`;
          const problem = check(schema.additionalProperties, value[key], `${path}.${key}`);
          if (problem) return problem;
        }
      }
      if (schema.unevaluatedProperties === false) {
        const known = evaluated(schema);
        for (const key of Object.keys(value)) if (!known.has(key)) return `${path}.${key}: unknown property`;
      }
    }
    return null;
  }

  return {
    /** Validate `value` against components.schemas[name]; the first problem or null. */
    validate(name, value) {
      const schema = doc.components.schemas[name];
      if (!schema) throw new TypeError(`createValidator: no schema ${name}`);
      return check(schema, value, '$');
    },
  };
}
