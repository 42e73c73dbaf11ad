/**
 * Protocol-buffer encoding of the two requests that carry resource properties (Analyze and
 * AnalyzeStack), written directly to bytes. google-protobuf's JS writer encodes strings one
 * character at a time into an array; webtier's resources carry tens of kilobytes of user data
 * each, which made serialization the largest cost of the check. The bytes are the same messages
 * (pulumi/analyzer.proto, google/protobuf/struct.proto); tests decode them with the generated
 * classes.
 */
import type { AnalyzerOptions, AnalyzerProvider, AnalyzerResourceData } from "./requests";

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;

/** A message being written: chunks and their total length, so nesting never copies. */
class Message {
    private readonly chunks: Buffer[] = [];
    /** Small writes (tags, varints) gather here until the next chunk. */
    private pending: number[] = [];
    private chunkLength = 0;

    get length(): number {
        return this.chunkLength + this.pending.length;
    }

    private flush(): void {
        if (this.pending.length === 0) return;
        const bytes = Buffer.from(this.pending);
        this.pending = [];
        this.chunks.push(bytes);
        this.chunkLength += bytes.length;
    }

    private push(chunk: Buffer): void {
        this.flush();
        this.chunks.push(chunk);
        this.chunkLength += chunk.length;
    }

    private varint(value: number): void {
        while (value > 127) {
            this.pending.push((value & 127) | 128);
            value = Math.floor(value / 128);
        }
        this.pending.push(value);
    }

    private tag(field: number, wireType: number): void {
        this.varint(field * 8 + wireType);
    }

    /** The finished chunks (for nesting). */
    parts(): Buffer[] {
        this.flush();
        return this.chunks;
    }

    /** A string field; proto3 leaves out empty strings unless `always` (oneof members). */
    string(field: number, value: string | undefined, always = false): void {
        if (value === undefined || (value === "" && !always)) return;
        this.tag(field, LENGTH_DELIMITED);
        // Short strings (keys, names) go with the small writes; long ones (user data) as their own chunk.
        if (value.length < 64) {
            const bytes = Buffer.from(value, "utf8");
            this.varint(bytes.length);
            for (const byte of bytes) this.pending.push(byte);
        } else {
            const bytes = Buffer.from(value, "utf8");
            this.varint(bytes.length);
            this.push(bytes);
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
        const bytes = Buffer.allocUnsafe(8);
        bytes.writeDoubleLE(value, 0);
        this.tag(field, FIXED64);
        for (const byte of bytes) this.pending.push(byte);
    }

    message(field: number, inner: Message): void {
        this.tag(field, LENGTH_DELIMITED);
        this.varint(inner.length);
        for (const chunk of inner.parts()) this.push(chunk);
    }

    toBuffer(): Buffer {
        const parts = this.parts();
        return Buffer.concat(parts, this.chunkLength);
    }
}

/** google.protobuf.Value. */
function value(v: unknown): Message {
    const m = new Message();
    if (v === null || v === undefined) m.enumValue(1, 0);
    else if (typeof v === "number") m.double(2, v, true);
    else if (typeof v === "string") m.string(3, v, true);
    else if (typeof v === "boolean") m.bool(4, v, true);
    else if (Array.isArray(v)) {
        const list = new Message();
        for (const item of v) list.message(1, value(item));
        m.message(6, list);
    } else if (typeof v === "object") m.message(5, struct(v as Record<string, unknown>));
    else throw new Error(`cannot encode ${typeof v} in a protobuf Struct`);
    return m;
}

/** google.protobuf.Struct, as bytes. */
export function encodeStruct(object: Record<string, unknown>): Buffer {
    return struct(object).toBuffer();
}

/** google.protobuf.Struct: map<string, Value> fields = 1, keys sorted as google-protobuf writes them. */
function struct(object: Record<string, unknown>): Message {
    const m = new Message();
    for (const key of Object.keys(object).sort()) {
        if (object[key] === undefined) continue;
        const entry = new Message();
        entry.string(1, key, true);
        entry.message(2, value(object[key]));
        m.message(1, entry);
    }
    return m;
}

/** pulumirpc.AnalyzerResourceOptions. */
function options(o: AnalyzerOptions): Message {
    const m = new Message();
    m.bool(1, o.protect);
    m.strings(2, o.ignoreChanges);
    m.bool(3, o.deleteBeforeReplace ?? false);
    m.bool(4, o.deleteBeforeReplace !== undefined);
    m.strings(5, o.additionalSecretOutputs);
    m.strings(6, o.aliases);
    const timeouts = new Message();
    timeouts.double(1, o.customTimeouts.create);
    timeouts.double(2, o.customTimeouts.update);
    timeouts.double(3, o.customTimeouts.delete);
    m.message(7, timeouts);
    m.string(8, o.parent);
    return m;
}

/** pulumirpc.AnalyzerProviderResource. */
function provider(p: AnalyzerProvider): Message {
    const m = new Message();
    m.string(1, p.type);
    m.message(2, struct(p.properties));
    m.string(3, p.urn);
    m.string(4, p.name);
    return m;
}

/** The fields AnalyzeRequest and AnalyzerResource share (1-6). */
function common(m: Message, r: AnalyzerResourceData): void {
    m.string(1, r.type);
    m.message(2, struct(r.properties));
    m.string(3, r.urn);
    m.string(4, r.name);
    m.message(5, options(r.options));
    if (r.provider) m.message(6, provider(r.provider));
}

/** pulumirpc.AnalyzeRequest, as bytes. */
export function encodeAnalyzeRequest(r: AnalyzerResourceData): Buffer {
    const m = new Message();
    common(m, r);
    return m.toBuffer();
}

/** pulumirpc.AnalyzerResource. */
function analyzerResource(r: AnalyzerResourceData): Message {
    const m = new Message();
    common(m, r);
    m.string(7, r.parent);
    m.strings(8, r.dependencies);
    for (const key of Object.keys(r.propertyDependencies).sort()) {
        const deps = new Message();
        deps.strings(1, r.propertyDependencies[key]);
        const entry = new Message();
        entry.string(1, key, true);
        entry.message(2, deps);
        m.message(9, entry);
    }
    return m;
}

/** pulumirpc.AnalyzeStackRequest, as bytes. */
export function encodeAnalyzeStackRequest(resources: AnalyzerResourceData[]): Buffer {
    const m = new Message();
    for (const r of resources) m.message(1, analyzerResource(r));
    return m.toBuffer();
}
