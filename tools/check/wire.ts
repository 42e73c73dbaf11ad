/**
 * Protocol-buffer encoding of the two requests that carry resource properties (Analyze and
 * AnalyzeStack), written directly to bytes. google-protobuf's JS writer encodes strings one
 * character at a time into an array; webtier's resources carry tens of kilobytes of user data
 * each, which made serialization the largest cost of the check. The bytes are the same messages
 * (pulumi/analyzer.proto, google/protobuf/struct.proto); tests decode them with the generated
 * classes.
 *
 * Two passes over the same code: the first adds up each nested message's and string's length in
 * the order they are met, the second writes into one buffer of the total size, taking those
 * lengths in the same order. AnalyzeStack's request, every resource's outputs, is encoded after
 * the program has finished, ahead of the pack's answer: nothing else is allocated for it.
 */
import type { AnalyzerOptions, AnalyzerProvider, AnalyzerResourceData } from "./requests";

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;

/** Bytes in the varint encoding of a non-negative integer. */
function varintLength(value: number): number {
    let length = 1;
    while (value > 127) {
        value = Math.floor(value / 128);
        length++;
    }
    return length;
}

/** UTF-8 length, as Buffer.from(value, "utf8") encodes it (a lone surrogate as U+FFFD, 3 bytes). */
function utf8Length(value: string): number {
    if (value.length >= 64) return Buffer.byteLength(value, "utf8");
    let length = 0;
    for (let i = 0; i < value.length; i++) {
        const code = value.charCodeAt(i);
        if (code < 0x80) length += 1;
        else if (code < 0x800) length += 2;
        else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
            const next = value.charCodeAt(i + 1);
            if (next >= 0xdc00 && next <= 0xdfff) {
                length += 4;
                i++;
            } else length += 3;
        } else length += 3;
    }
    return length;
}

/**
 * Where a message goes: counted (the first pass) or written (the second). The message functions
 * below make the same calls in both, so the lengths the first records line up with the second.
 */
class Sink {
    /** Lengths of nested messages and strings, in the order the first pass met them. */
    private readonly lengths: number[] = [];
    private next = 0;
    private size = 0;
    private buffer?: Buffer;
    private at = 0;

    private varint(value: number): void {
        if (!this.buffer) {
            this.size += varintLength(value);
            return;
        }
        while (value > 127) {
            this.buffer[this.at++] = (value & 127) | 128;
            value = Math.floor(value / 128);
        }
        this.buffer[this.at++] = value;
    }

    private tag(field: number, wireType: number): void {
        this.varint(field * 8 + wireType);
    }

    /** A string field; proto3 leaves out empty strings unless `always` (oneof members). */
    string(field: number, value: string | undefined, always = false): void {
        if (value === undefined || (value === "" && !always)) return;
        this.tag(field, LENGTH_DELIMITED);
        if (!this.buffer) {
            const length = utf8Length(value);
            this.lengths.push(length);
            this.size += varintLength(length) + length;
            return;
        }
        const length = this.lengths[this.next++];
        this.varint(length);
        if (length === value.length && length < 64) {
            // ASCII: one byte a character, no native call.
            for (let i = 0; i < length; i++) this.buffer[this.at++] = value.charCodeAt(i);
        } else {
            this.buffer.write(value, this.at, length, "utf8");
            this.at += length;
        }
    }

    strings(field: number, values: string[]): void {
        for (const value of values) this.string(field, value, true);
    }

    bool(field: number, value: boolean, always = false): void {
        if (!value && !always) return;
        this.tag(field, VARINT);
        this.varint(value ? 1 : 0);
    }

    enumValue(field: number, value: number): void {
        this.tag(field, VARINT);
        this.varint(value);
    }

    double(field: number, value: number, always = false): void {
        if (value === 0 && !always) return;
        this.tag(field, FIXED64);
        if (!this.buffer) this.size += 8;
        else {
            this.buffer.writeDoubleLE(value, this.at);
            this.at += 8;
        }
    }

    /** A nested message, written by `body` (called once in each pass). */
    message(field: number, body: () => void): void {
        this.tag(field, LENGTH_DELIMITED);
        if (!this.buffer) {
            const index = this.lengths.length;
            this.lengths.push(0);
            const before = this.size;
            body();
            const length = this.size - before;
            this.lengths[index] = length;
            this.size += varintLength(length);
            return;
        }
        this.varint(this.lengths[this.next++]);
        body();
    }

    /** Runs `write` twice: to count, then into a buffer of that size. */
    static encode(write: (sink: Sink) => void): Buffer {
        const sink = new Sink();
        write(sink);
        sink.buffer = Buffer.allocUnsafe(sink.size);
        write(sink);
        if (sink.at !== sink.size || sink.next !== sink.lengths.length)
            throw new Error(`protobuf encoding wrote ${sink.at} of ${sink.size} bytes`);
        return sink.buffer;
    }
}

/** google.protobuf.Value. */
function value(w: Sink, v: unknown): void {
    if (v === null || v === undefined) w.enumValue(1, 0);
    else if (typeof v === "number") w.double(2, v, true);
    else if (typeof v === "string") w.string(3, v, true);
    else if (typeof v === "boolean") w.bool(4, v, true);
    else if (Array.isArray(v))
        w.message(6, () => {
            for (const item of v) w.message(1, () => value(w, item));
        });
    else if (typeof v === "object") w.message(5, () => struct(w, v as Record<string, unknown>));
    else throw new Error(`cannot encode ${typeof v} in a protobuf Struct`);
}

/** google.protobuf.Struct, as bytes. */
export function encodeStruct(object: Record<string, unknown>): Buffer {
    return Sink.encode((w) => struct(w, object));
}

/** google.protobuf.Struct: map<string, Value> fields = 1, keys sorted as google-protobuf writes them. */
function struct(w: Sink, object: Record<string, unknown>): void {
    for (const key of Object.keys(object).sort()) {
        const item = object[key];
        if (item === undefined) continue;
        w.message(1, () => {
            w.string(1, key, true);
            w.message(2, () => value(w, item));
        });
    }
}

/** pulumirpc.AnalyzerResourceOptions. */
function options(w: Sink, o: AnalyzerOptions): void {
    w.bool(1, o.protect);
    w.strings(2, o.ignoreChanges);
    w.bool(3, o.deleteBeforeReplace ?? false);
    w.bool(4, o.deleteBeforeReplace !== undefined);
    w.strings(5, o.additionalSecretOutputs);
    w.strings(6, o.aliases);
    w.message(7, () => {
        w.double(1, o.customTimeouts.create);
        w.double(2, o.customTimeouts.update);
        w.double(3, o.customTimeouts.delete);
    });
    w.string(8, o.parent);
}

/** pulumirpc.AnalyzerProviderResource. */
function provider(w: Sink, p: AnalyzerProvider): void {
    w.string(1, p.type);
    w.message(2, () => struct(w, p.properties));
    w.string(3, p.urn);
    w.string(4, p.name);
}

/** The fields AnalyzeRequest and AnalyzerResource share (1-6). */
function common(w: Sink, r: AnalyzerResourceData): void {
    w.string(1, r.type);
    w.message(2, () => struct(w, r.properties));
    w.string(3, r.urn);
    w.string(4, r.name);
    w.message(5, () => options(w, r.options));
    const p = r.provider;
    if (p) w.message(6, () => provider(w, p));
}

/** pulumirpc.AnalyzeRequest, as bytes. */
export function encodeAnalyzeRequest(r: AnalyzerResourceData): Buffer {
    return Sink.encode((w) => common(w, r));
}

/** pulumirpc.AnalyzerResource. */
function analyzerResource(w: Sink, r: AnalyzerResourceData): void {
    common(w, r);
    w.string(7, r.parent);
    w.strings(8, r.dependencies);
    for (const key of Object.keys(r.propertyDependencies).sort()) {
        w.message(9, () => {
            w.string(1, key, true);
            w.message(2, () => w.strings(1, r.propertyDependencies[key]));
        });
    }
}

/** pulumirpc.AnalyzeStackRequest, as bytes. */
export function encodeAnalyzeStackRequest(resources: AnalyzerResourceData[]): Buffer {
    return Sink.encode((w) => {
        for (const r of resources) w.message(1, () => analyzerResource(w, r));
    });
}
