/**
 * DynamoDB tables the provider refuses at plan (webtier-preflight-settings), terraform-provider-aws
 * aws_dynamodb_table's CustomizeDiff (read 2026-12-03):
 * - an attribute no key of the table or of an index uses ("all attributes must be indexed");
 *   DynamoDB CreateTable's AttributeDefinitions describe only the key schema of the table and its
 *   indexes, and an extra one is refused there too;
 * - provisioned billing (the provider's default `billingMode`) without readCapacity or
 *   writeCapacity ("read_capacity must be at least 1 when billing_mode is PROVISIONED").
 * A table restored from a backup or another table is not judged.
 */
import { Res, describe, isUnknown, listOf } from "../values";

const TABLE = "aws:dynamodb/table:Table";

/** The attribute names the table's keys and indexes use, or undefined when one is unknown. */
function keyAttributes(res: Res): Set<string> | undefined {
    const names: unknown[] = [res.props.hashKey, res.props.rangeKey];
    for (const list of ["globalSecondaryIndexes", "localSecondaryIndexes"]) {
        const indexes = res.props[list];
        if (isUnknown(indexes)) return undefined;
        for (const index of listOf<Record<string, unknown>>(indexes)) {
            if (!index || typeof index !== "object" || isUnknown(index)) return undefined;
            names.push(index.hashKey, index.rangeKey);
            const schemas = index.keySchemas;
            if (isUnknown(schemas)) return undefined;
            for (const schema of listOf<Record<string, unknown>>(schemas)) {
                if (!schema || typeof schema !== "object" || isUnknown(schema)) return undefined;
                names.push(schema.attributeName);
            }
        }
    }
    if (names.some(isUnknown)) return undefined;
    return new Set(names.filter((n): n is string => typeof n === "string"));
}

export function tableSettingsProblems(res: Res): string[] {
    if (res.type !== TABLE) return [];
    const restored = ["restoreSourceName", "restoreSourceTableArn", "restoreBackupArn"].some(
        (key) => res.props[key] !== undefined && res.props[key] !== null && res.props[key] !== "",
    );
    if (restored) return [];
    const problems: string[] = [];
    const used = keyAttributes(res);
    const attributes = res.props.attributes;
    if (used && !isUnknown(attributes)) {
        const unused = listOf<Record<string, unknown>>(attributes)
            .map((a) => (a && typeof a === "object" && !isUnknown(a) ? a.name : undefined))
            .filter((name): name is string => typeof name === "string" && !isUnknown(name) && !used.has(name));
        if (unused.length > 0)
            problems.push(
                `${describe(res)}: attributes ${unused.join(", ")} ${unused.length === 1 ? "is" : "are"} used by no key of the table or of an index; the provider refuses it ("all attributes must be indexed") and DynamoDB defines only key attributes. Remove ${unused.length === 1 ? "it" : "them"} from attributes (items take any other attribute without a definition), or key an index on ${unused.length === 1 ? "it" : "them"}. Source: terraform-provider-aws aws_dynamodb_table; API dynamodb CreateTable AttributeDefinitions.`,
            );
    }
    const { billingMode } = res.props;
    if (isUnknown(billingMode)) return problems;
    if (billingMode === undefined || billingMode === null || billingMode === "PROVISIONED")
        for (const key of ["readCapacity", "writeCapacity"]) {
            const value = res.props[key];
            if (isUnknown(value) || (typeof value === "number" && value >= 1)) continue;
            problems.push(
                `${describe(res)}: billingMode ${billingMode ?? "PROVISIONED (the default)"} without ${key} of at least 1; the provider refuses it ("${key === "readCapacity" ? "read_capacity" : "write_capacity"} must be at least 1 when billing_mode is PROVISIONED"). Set ${key}, or billingMode: "PAY_PER_REQUEST" (on-demand). Source: terraform-provider-aws aws_dynamodb_table.`,
            );
        }
    return problems;
}
