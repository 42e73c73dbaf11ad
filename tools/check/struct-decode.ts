/**
 * `google.protobuf.Struct` bytes straight to the plain object google-protobuf's
 * `Struct.toJavaScript()` returns, without building its message objects first.
 *
 * Every Analyze and AnalyzeStack request carries each resource's properties (and its provider's)
 * as a Struct, and the policy SDK reads them only through `toJavaScript()`: once per Analyze,
 * once per stack policy per resource in AnalyzeStack (server.js deserializes every resource again
 * for each policy). google-protobuf decodes a Struct into a jspb.Map of Value messages and
 * converts that into the plain object on each call; that was about a third of a pack's CPU on a
 * stack of 50 servers. pack-struct.ts hands the bytes here instead.
 *
 * The result is what google-protobuf 3.21 gives (struct_pb.js, jspb.Map): each Struct's keys in
 * sorted order (jspb.Map.forEach sorts its keys), the last of a repeated key or of a oneof's
 * fields winning, unknown fields skipped, doubles as doubles, a bool any non-zero varint. What
 * this reader is not sure to read alike it does not read: for a Value with no kind (google-
 * protobuf throws "Unexpected struct type"), a field with an unexpected wire type, an unknown
 * field inside a map entry (which jspb.Map's reader misreads), text that is not UTF-8, a key
 * `__proto__`, or bytes that end early, it returns undefined and the caller uses google-protobuf
 * itself.
 */

import { isUtf8 } from "buffer";

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/** Thrown inside the reader; `decodeStruct` turns it into undefined. */
class Unreadable extends Error {}

/** Strings up to this many bytes are read in JavaScript when they are ASCII. */
const SHORT = 32;

class Reader {
    private pos: number;
    private readonly view: DataView;
    private readonly buffer: Buffer;

    constructor(
        private readonly bytes: Uint8Array,
        start: number,
        private readonly end: number,
    ) {
        this.pos = start;
        this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }

    /** A varint as a number; only lengths, tags, enums and bools are read, so 2^53 is plenty. */
    varint(): number {
        let result = 0;
        let scale = 1;
        for (let i = 0; i < 10; i++) {
            if (this.pos >= this.end) throw new Unreadable();
            const byte = this.bytes[this.pos++];
            result += (byte & 0x7f) * scale;
            if (byte < 0x80) return result;
            scale *= 128;
        }
        throw new Unreadable();
    }

    /** The end of a length-delimited field whose length is next. */
    delimited(): number {
        const length = this.varint();
        const end = this.pos + length;
        if (end > this.end) throw new Unreadable();
        return end;
    }

    double(): number {
        if (this.pos + 8 > this.end) throw new Unreadable();
        const value = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return value;
    }

    string(): string {
        const end = this.delimited();
        const start = this.pos;
        this.pos = end;
        // Most property names are short ASCII: read those without a native call's overhead.
        if (end - start <= SHORT) {
            let ascii = true;
            for (let i = start; i < end; i++) {
                if (this.bytes[i] >= 0x80) {
                    ascii = false;
                    break;
                }
            }
            if (ascii) return String.fromCharCode.apply(null, this.bytes.subarray(start, end) as unknown as number[]);
        }
        // Buffer's UTF-8 reading keeps a byte order mark, as google-protobuf does; invalid bytes
        // it would replace, so those are left to google-protobuf.
        if (!isUtf8(this.bytes.subarray(start, end))) throw new Unreadable();
        return this.buffer.toString("utf8", start, end);
    }

    skip(wireType: number): void {
        switch (wireType) {
            case VARINT:
                this.varint();
                return;
            case FIXED64:
                this.pos += 8;
                break;
            case LENGTH_DELIMITED:
                this.pos = this.delimited();
                return;
            case FIXED32:
                this.pos += 4;
                break;
            default:
                // Groups (3, 4) are not in these messages' wire form: leave them to google-protobuf.
                throw new Unreadable();
        }
        if (this.pos > this.end) throw new Unreadable();
    }

    /** Reads fields until `end`, handing each tag to `field`, which reads or skips its value. */
    fields(end: number, field: (number: number, wireType: number) => void): void {
        while (this.pos < end) {
            const tag = this.varint();
            field(Math.floor(tag / 8), tag & 7);
        }
        if (this.pos !== end) throw new Unreadable();
    }

    struct(end: number): Record<string, unknown> {
        const entries = new Map<string, unknown>();
        this.fields(end, (number, wireType) => {
            if (number !== 1) return this.skip(wireType);
            if (wireType !== LENGTH_DELIMITED) throw new Unreadable();
            const entryEnd = this.delimited();
            // A map entry's missing key is the empty string; a missing value is a Value with no kind.
            let key = "";
            let value: unknown;
            let hasValue = false;
            this.fields(entryEnd, (n, w) => {
                if (n === 1) {
                    if (w !== LENGTH_DELIMITED) throw new Unreadable();
                    key = this.string();
                } else if (n === 2) {
                    if (w !== LENGTH_DELIMITED) throw new Unreadable();
                    value = this.value(this.delimited());
                    hasValue = true;
                    // google-protobuf's map entry reader does not skip other fields (it misreads what follows).
                } else throw new Unreadable();
            });
            if (!hasValue || key === "__proto__") throw new Unreadable();
            entries.set(key, value);
        });
        const result: Record<string, unknown> = {};
        for (const key of [...entries.keys()].sort()) result[key] = entries.get(key);
        return result;
    }

    value(end: number): unknown {
        let kind = 0;
        let value: unknown;
        this.fields(end, (number, wireType) => {
            const expected = [undefined, VARINT, FIXED64, LENGTH_DELIMITED, VARINT, LENGTH_DELIMITED, LENGTH_DELIMITED][
                number
            ];
            if (expected === undefined) return this.skip(wireType);
            if (wireType !== expected) throw new Unreadable();
            kind = number;
            switch (number) {
                case 1:
                    this.varint();
                    value = null;
                    break;
                case 2:
                    value = this.double();
                    break;
                case 3:
                    value = this.string();
                    break;
                case 4:
                    value = this.varint() !== 0;
                    break;
                case 5:
                    value = this.struct(this.delimited());
                    break;
                case 6:
                    value = this.list(this.delimited());
                    break;
            }
        });
        if (kind === 0) throw new Unreadable();
        return value;
    }

    list(end: number): unknown[] {
        const values: unknown[] = [];
        this.fields(end, (number, wireType) => {
            if (number !== 1) return this.skip(wireType);
            if (wireType !== LENGTH_DELIMITED) throw new Unreadable();
            values.push(this.value(this.delimited()));
        });
        return values;
    }
}

/**
 * The Struct encoded in `bytes[start, end)` as `Struct.toJavaScript()` gives it, or undefined
 * where google-protobuf's own reading must decide (see the file comment).
 */
export function decodeStruct(bytes: Uint8Array, start = 0, end = bytes.length): Record<string, unknown> | undefined {
    try {
        return new Reader(bytes, start, end).struct(end);
    } catch (err) {
        if (err instanceof Unreadable || err instanceof RangeError) return undefined;
        throw err;
    }
}

/** A deep copy of what `decodeStruct` returns (objects, arrays and primitives only), keys in their order. */
export function copyPlain<T>(value: T): T {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map(copyPlain) as T;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = copyPlain((value as Record<string, unknown>)[key]);
    return copy as T;
}
