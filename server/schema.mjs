// A small JSON-Schema validator for the subset the intake contract uses (type, required, properties,
// enum, const, pattern, min/maxLength, minimum/maximum, items, min/maxItems, allOf, $ref, format date-time).
// The reference server validates against packages/core/intake-openapi.json itself, so the contract
// file and the server cannot drift apart.

export function createValidator(doc) {
  const resolve = (ref) => ref.replace(/^#\//, '').split('/').reduce((node, key) => node[key], doc);

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
      if (!ok) return `${path}: must be ${type === 'object' ? 'an object' : `a ${type}`}`;
    }
    if (typeof value === 'string') {
      if (schema.minLength !== undefined && value.length < schema.minLength) return `${path}: must not be empty`;
      if (schema.maxLength !== undefined && value.length > schema.maxLength)
        return `${path}: longer than ${schema.maxLength} characters`;
      if (schema.pattern && !new RegExp(schema.pattern).test(value)) return `${path}: does not match ${schema.pattern}`;
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
        if (!(key in value)) return `${path}.${key}: required`;
      }
      for (const [key, sub] of Object.entries(schema.properties ?? {})) {
        if (key in value) {
          const problem = check(sub, value[key], `${path}.${key}`);
          if (problem) return problem;
        }
      }
    }
    return null;
  }

  return {
    /** Validate `value` against components.schemas[name]. */
    validate(name, value) {
      return check(doc.components.schemas[name], value, '$');
    },
  };
}
