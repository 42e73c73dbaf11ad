// What the random provider's resources compute under the harness's mocks, through a program: each
// output the SDK declares, of the shape its inputs ask for, so a program that takes a value from
// one (a CIDR from a shuffle, a port from an integer) has a value under `pulumi up`.
import * as assert from "assert";
import * as random from "@pulumi/random";
import { evaluate } from "../../../tools/harness/evaluate";

describe("the random provider under the mocks", () => {
    it("computes every result: shuffle, integer, pet, UUIDs, bytes, as their inputs ask", async () => {
        const { outputs } = await evaluate({
            program: () => {
                const shuffle = new random.RandomShuffle("pick", {
                    inputs: ["0.0.0.0/0", "::/0", "203.0.113.0/24"],
                    resultCount: 2,
                });
                const all = new random.RandomShuffle("all", { inputs: ["a", "b"] });
                const port = new random.RandomInteger("port", { min: 8000, max: 8999 });
                const pet = new random.RandomPet("pet", { prefix: "web", length: 3, separator: "_" });
                const uuid = new random.RandomUuid("uuid");
                const uuid7 = new random.RandomUuid7("uuid7");
                const bytes = new random.RandomBytes("bytes", { length: 40 });
                return {
                    picked: shuffle.results,
                    all: all.results,
                    port: port.result,
                    pet: pet.id,
                    uuid: uuid.result,
                    uuid7: uuid7.result,
                    hex: bytes.hex,
                    base64: bytes.base64,
                };
            },
        });
        assert.deepStrictEqual(outputs.picked, ["0.0.0.0/0", "::/0"]);
        assert.deepStrictEqual(outputs.all, ["a", "b"]);
        assert.strictEqual(outputs.port, 8000);
        assert.match(outputs.pet, /^web_[a-z]+_[a-z]+_[a-z]+$/);
        assert.match(outputs.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.match(outputs.uuid7, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
        assert.notStrictEqual(outputs.uuid.slice(0, 8), outputs.uuid7.slice(0, 8), "each its own");
        assert.strictEqual(outputs.hex.length, 80);
        assert.strictEqual(Buffer.from(outputs.base64, "base64").toString("hex"), outputs.hex);
    });
});
