/**
 * The random provider under the harness's mocks: what each of pulumi-random's resources computes,
 * made from the resource's name, inputs and mock id so a run is repeatable. The values have the
 * shape programs and policies read: a password of the asked length, hex and base64 of an id's or
 * bytes' length, an integer within its range, a pet name of its words, a UUID, a shuffle of the
 * inputs. Where the real provider draws one of several values, the mock takes the first in the
 * program's own order (a shuffle keeps the inputs' order, an integer is its `min`): a policy then
 * judges a value the program can get, not every value it could. Not a cloud: registered in
 * tools/clouds.ts.
 */
import { createHash } from "crypto";
import type { ProviderMocks } from "../provider-mocks";

/** Words a mock pet name is made of (terraform-provider-random draws from petname's lists). */
const PET_WORDS = ["brave", "calm", "eager", "gentle", "jolly", "lucky", "otter", "heron", "lynx", "finch"];

/** `count` bytes that stand for a random draw, from the resource's name. */
function bytesFor(name: string, count: number): Buffer {
    const out: Buffer[] = [];
    for (let block = 0; out.length * 32 < count; block++)
        out.push(createHash("sha256").update(`${name}\u0000${block}`).digest());
    return Buffer.concat(out).subarray(0, count);
}

const number = (value: unknown, fallback: number) => (typeof value === "number" ? value : fallback);

export const RANDOM_MOCKS: ProviderMocks = {
    package: "random",
    // pulumi-random bridges terraform-provider-random.
    bridged: true,
    // A pet's id is its name (resource_pet.go sets it): words of its length after its prefix.
    id: (type, inputs, ids) => {
        if (type !== "random:index/randomPet:RandomPet") return undefined;
        const serial = parseInt(ids.next("pet").split("-").pop()!, 16);
        const separator = typeof inputs.separator === "string" ? inputs.separator : "-";
        const words = Array.from(
            { length: Math.max(1, number(inputs.length, 2)) },
            (_, i) => PET_WORDS[(serial + i * 3) % PET_WORDS.length],
        );
        return [...(typeof inputs.prefix === "string" ? [inputs.prefix] : []), ...words].join(separator);
    },
    created: (type, name, inputs, state, id) => {
        switch (type) {
            case "random:index/randomPassword:RandomPassword":
            case "random:index/randomString:RandomString":
                state.result = `mock-${name}-${"x".repeat(Math.max(0, (inputs.length ?? 16) - name.length - 5))}`.slice(
                    0,
                    inputs.length ?? 32,
                );
                break;
            case "random:index/randomId:RandomId":
                state.hex = id.slice(-8);
                state.b64Url = id.slice(-8);
                state.dec = String(parseInt(id.slice(-8), 16));
                break;
            case "random:index/randomBytes:RandomBytes": {
                const bytes = bytesFor(name, Math.max(0, number(inputs.length, 0)));
                state.hex = bytes.toString("hex");
                state.base64 = bytes.toString("base64");
                break;
            }
            case "random:index/randomInteger:RandomInteger":
                state.result = number(inputs.min, 0);
                break;
            case "random:index/randomShuffle:RandomShuffle": {
                const all: unknown[] = Array.isArray(inputs.inputs) ? inputs.inputs : [];
                state.results = all.slice(0, number(inputs.resultCount, all.length) || all.length);
                break;
            }
            case "random:index/randomUuid:RandomUuid":
            case "random:index/randomUuid4:RandomUuid4":
            case "random:index/randomUuid7:RandomUuid7": {
                const hex = bytesFor(name, 16).toString("hex");
                const version = type.endsWith("7") ? "7" : "4";
                state.result = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${version}${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
                break;
            }
        }
    },
    calls: {},
};
