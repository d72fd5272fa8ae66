import type { z } from "zod";

/**
 * Both databases store booleans as 0/1 integers and nested values as JSON text, so one
 * migration set and one export format serve both. The schema says which fields need it.
 */
type FieldCodec = "boolean" | "json" | "plain";

const cache = new WeakMap<object, Map<string, FieldCodec>>();

function baseType(schema: z.ZodType): string {
  let s: any = schema;
  for (;;) {
    const def = s?._zod?.def;
    if (!def) return "unknown";
    if (
      def.type === "optional" ||
      def.type === "nullable" ||
      def.type === "default" ||
      def.type === "prefault" ||
      def.type === "readonly"
    ) {
      s = def.innerType;
      continue;
    }
    if (def.type === "pipe") {
      s = def.in;
      continue;
    }
    return def.type as string;
  }
}

export function fieldCodecs(schema: { shape: Record<string, z.ZodType> }): Map<string, FieldCodec> {
  let map = cache.get(schema);
  if (!map) {
    map = new Map();
    for (const [key, field] of Object.entries(schema.shape)) {
      const t = baseType(field);
      map.set(key, t === "boolean" ? "boolean" : t === "object" || t === "array" || t === "record" ? "json" : "plain");
    }
    cache.set(schema, map);
  }
  return map;
}

export function encodeRow(schema: { shape: Record<string, z.ZodType> }, record: Record<string, unknown>): Record<string, unknown> {
  const codecs = fieldCodecs(schema);
  const row: Record<string, unknown> = {};
  for (const [key, codec] of codecs) {
    const v = record[key];
    if (v === undefined) continue;
    row[key] = v === null ? null : codec === "boolean" ? (v ? 1 : 0) : codec === "json" ? JSON.stringify(v) : v;
  }
  return row;
}

export function decodeRow<T>(schema: { shape: Record<string, z.ZodType> }, row: Record<string, unknown>): T {
  const codecs = fieldCodecs(schema);
  const out: Record<string, unknown> = {};
  for (const [key, codec] of codecs) {
    const v = row[key];
    if (v === undefined || v === null) {
      out[key] = v ?? null;
      continue;
    }
    out[key] =
      codec === "boolean"
        ? Boolean(Number(v))
        : codec === "json"
          ? typeof v === "string"
            ? JSON.parse(v)
            : v
          : typeof v === "bigint"
            ? Number(v)
            : v;
  }
  return out as T;
}
