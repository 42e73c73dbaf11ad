/**
 * A minimal FastCGI responder on a unix socket, standing in for PHP-FPM: it answers every
 * request with the FastCGI parameters nginx sent, as JSON, so tests see exactly what PHP
 * ($_SERVER) would see.
 */
import * as net from "net";

// Record types (the FastCGI spec); BEGIN_REQUEST (1) carries nothing this responder needs.
const END_REQUEST = 3,
    PARAMS = 4,
    STDIN = 5,
    STDOUT = 6;

function record(type: number, requestId: number, content: Buffer): Buffer {
    const header = Buffer.alloc(8);
    header.writeUInt8(1, 0);
    header.writeUInt8(type, 1);
    header.writeUInt16BE(requestId, 2);
    header.writeUInt16BE(content.length, 4);
    return Buffer.concat([header, content]);
}

function parseParams(data: Buffer): Record<string, string> {
    const params: Record<string, string> = {};
    let offset = 0;
    const length = (): number => {
        const first = data.readUInt8(offset);
        if (first < 128) {
            offset += 1;
            return first;
        }
        const value = data.readUInt32BE(offset) & 0x7fffffff;
        offset += 4;
        return value;
    };
    while (offset < data.length) {
        const nameLength = length();
        const valueLength = length();
        const name = data.subarray(offset, offset + nameLength).toString();
        offset += nameLength;
        params[name] = data.subarray(offset, offset + valueLength).toString();
        offset += valueLength;
    }
    return params;
}

export function startFastcgiCapture(socketPath: string): Promise<net.Server> {
    const server = net.createServer((socket) => {
        let buffered = Buffer.alloc(0);
        let params = Buffer.alloc(0);
        socket.on("data", (chunk) => {
            buffered = Buffer.concat([buffered, chunk]);
            while (buffered.length >= 8) {
                const type = buffered.readUInt8(1);
                const requestId = buffered.readUInt16BE(2);
                const contentLength = buffered.readUInt16BE(4);
                const padding = buffered.readUInt8(6);
                if (buffered.length < 8 + contentLength + padding) return;
                const content = buffered.subarray(8, 8 + contentLength);
                buffered = buffered.subarray(8 + contentLength + padding);
                if (type === PARAMS) params = Buffer.concat([params, content]);
                if (type === STDIN && contentLength === 0) {
                    const body = JSON.stringify(parseParams(params));
                    const response = Buffer.from(`Status: 200 OK\r\nContent-Type: application/json\r\n\r\n${body}`);
                    const end = Buffer.alloc(8);
                    socket.end(
                        Buffer.concat([
                            record(STDOUT, requestId, response),
                            record(STDOUT, requestId, Buffer.alloc(0)),
                            record(END_REQUEST, requestId, end),
                        ]),
                    );
                }
            }
        });
        socket.on("error", () => undefined);
    });
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(socketPath, () => resolve(server));
    });
}
