/**
 * A value in ServiceStack's JSV ("Type Serializer") text format.
 *
 * JSV is untyped text: `True` and `123` are strings until a DTO property of type
 * `bool` or `int` binds them. So `parseJsv` only ever yields strings, lists, objects
 * and `null`; numbers and booleans exist in this type for writing, and are bound on
 * the way in with `jsvBoolean` and `jsvNumber`.
 */
export type JsvValue = string | number | boolean | null | JsvValue[] | JsvObject;

/** A JSV object (`{key:value,…}`): a DTO or a dictionary. */
export type JsvObject = { [key: string]: JsvValue };
