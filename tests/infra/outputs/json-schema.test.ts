import * as assert from "assert";
import { JsonSchema, schemaProblems } from "../../../infra/outputs/json-schema";

describe("JSON Schema validation with Ajv, in webtier's words (outputs contract and policy config)", () => {
    it("accepts a value that fits, and names nested problems by path from the given root", () => {
        const schema: JsonSchema = {
            type: "object",
            properties: {
                server: { type: "object", properties: { ports: { type: "array", items: { type: "integer" } } } },
            },
        };
        assert.deepStrictEqual(schemaProblems({ server: { ports: [80, 443] } }, schema, { at: "$" }), []);
        assert.deepStrictEqual(schemaProblems({ server: { ports: [80, "443"] } }, schema, { at: "$" }), [
            "$.server.ports[1]: expected integer, got string",
        ]);
        assert.deepStrictEqual(schemaProblems({ server: { ports: [80, "443"] } }, schema), [
            "server.ports[1]: expected integer, got string",
        ]);
        assert.deepStrictEqual(schemaProblems("x", schema), ["(root): expected object, got string"]);
    });

    it("reports a wrong type alone and without echoing the value", () => {
        const problems = schemaProblems(
            12345678,
            { type: "string", minLength: 20, pattern: "^a" },
            { at: "$.database.password" },
        );
        assert.deepStrictEqual(problems, ["$.database.password: expected string, got integer"]);
    });

    it("accepts any of a list of types, and integers where numbers are asked", () => {
        assert.deepStrictEqual(schemaProblems(null, { type: ["string", "null"] }), []);
        assert.deepStrictEqual(schemaProblems(3, { type: "number" }), []);
        assert.deepStrictEqual(schemaProblems(1.5, { type: "integer" }), ["(root): expected integer, got number"]);
        assert.deepStrictEqual(schemaProblems(true, { type: ["string", "null"] }), [
            "(root): expected string or null, got boolean",
        ]);
    });

    it("compares const and enum structurally, saying what was given", () => {
        assert.deepStrictEqual(schemaProblems(2, { const: 1 }, { at: "$.contractVersion" }), [
            "$.contractVersion: must be 1, got 2",
        ]);
        assert.deepStrictEqual(schemaProblems({ a: [1] }, { const: { a: [1] } }), []);
        assert.deepStrictEqual(schemaProblems("gcp", { enum: ["aws", "digitalocean"] }, { at: "$.cloud" }), [
            '$.cloud: must be one of "aws", "digitalocean", got "gcp"',
        ]);
        assert.deepStrictEqual(schemaProblems([1, 2], { enum: [[1, 2], [3]] }), []);
    });

    it("bounds numbers, strings and lists on both sides", () => {
        assert.deepStrictEqual(schemaProblems(0, { minimum: 1, maximum: 65535 }, { at: "port" }), [
            "port: must be at least 1, got 0",
        ]);
        assert.deepStrictEqual(schemaProblems(70000, { minimum: 1, maximum: 65535 }, { at: "port" }), [
            "port: must be at most 65535, got 70000",
        ]);
        assert.deepStrictEqual(schemaProblems("", { minLength: 1 }, { at: "host" }), ["host: must not be empty"]);
        assert.deepStrictEqual(schemaProblems("ab", { minLength: 3, maxLength: 5 }, { at: "tag" }), [
            "tag: must be at least 3 characters",
        ]);
        assert.deepStrictEqual(schemaProblems("abcdef", { minLength: 3, maxLength: 5 }, { at: "tag" }), [
            "tag: must be at most 5 characters",
        ]);
        assert.deepStrictEqual(schemaProblems([], { minItems: 1 }, { at: "servers" }), [
            "servers: needs at least 1 item(s)",
        ]);
        assert.deepStrictEqual(schemaProblems([1, 2, 3], { maxItems: 2 }, { at: "servers" }), [
            "servers: allows at most 2 item(s)",
        ]);
    });

    it("matches patterns as unicode regular expressions", () => {
        assert.deepStrictEqual(schemaProblems("ftp://x", { pattern: "^https?://" }, { at: "$.url" }), [
            '$.url: "ftp://x" does not match ^https?://',
        ]);
        assert.deepStrictEqual(schemaProblems("🙂", { pattern: "^.$" }), []);
    });

    it("treats undefined as absent and null as a value", () => {
        const schema: JsonSchema = {
            type: "object",
            required: ["host"],
            properties: { host: { type: "string" }, cdnDomain: { type: "string" } },
        };
        assert.deepStrictEqual(schemaProblems({ host: undefined, cdnDomain: undefined }, schema, { at: "$" }), [
            "$.host: is required",
        ]);
        assert.deepStrictEqual(schemaProblems({ host: "h", cdnDomain: null }, schema, { at: "$" }), [
            "$.cdnDomain: expected string, got null",
        ]);
    });

    it("flags undeclared keys only in closed objects, in the caller's words", () => {
        const open: JsonSchema = { type: "object", properties: { a: { type: "string" } } };
        const closed: JsonSchema = { ...open, additionalProperties: false };
        assert.deepStrictEqual(schemaProblems({ a: "x", b: 1 }, open), []);
        assert.deepStrictEqual(schemaProblems({ a: "x", b: 1 }, closed), ["b: is not allowed here (allowed: a)"]);
        assert.deepStrictEqual(
            schemaProblems({ b: 1 }, closed, { unknownKey: (keys) => `is unknown; use ${keys.join(" or ")}` }),
            ["b: is unknown; use a"],
        );
    });

    it("reports every problem of a value at once", () => {
        const schema: JsonSchema = {
            type: "object",
            required: ["a", "b"],
            properties: { a: { type: "string", enum: ["x"] }, c: { type: "integer", minimum: 1 } },
        };
        assert.deepStrictEqual(schemaProblems({ a: "y", c: 0 }, schema).sort(), [
            'a: must be one of "x", got "y"',
            "b: is required",
            "c: must be at least 1, got 0",
        ]);
    });
});
