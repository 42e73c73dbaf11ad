/**
 * A minimal DigitalOcean API v2 client over global `fetch`, authenticated with a personal
 * access token (DIGITALOCEAN_TOKEN). `fetch` is injected so tests record the exact calls.
 */
import { DeployError } from "../types";

export type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<{
    status: number;
    text(): Promise<string>;
}>;

export const DIGITALOCEAN_API = "https://api.digitalocean.com";

/** A request the API refused; `status` lets callers tell "not allowed" (401, 403) from a passing failure. */
export class DigitalOceanApiError extends DeployError {
    public readonly status: number;

    constructor(message: string, status: number) {
        super(message);
        this.status = status;
    }
}

export class DigitalOceanApi {
    constructor(
        private readonly token: string,
        private readonly fetchFn: Fetch = (url, init) => fetch(url, init),
        private readonly baseUrl: string = DIGITALOCEAN_API,
    ) {
        if (!token) {
            throw new DeployError(
                "DIGITALOCEAN_TOKEN is not set. Create a token that can read load balancers and monitoring and " +
                    "tag and untag droplets (scopes load_balancer:read, monitoring:read, tag:create, tag:delete) " +
                    "and export it, e.g. `export DIGITALOCEAN_TOKEN=dop_v1_...`.",
            );
        }
    }

    /** Sends one request; returns the parsed JSON body (undefined for 204) or throws a `DigitalOceanApiError`. */
    async request<T = unknown>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
        const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: "application/json" };
        if (body !== undefined) headers["Content-Type"] = "application/json";
        const response = await this.fetchFn(`${this.baseUrl}${path}`, {
            method,
            headers,
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        const text = await response.text();
        if (response.status < 200 || response.status >= 300) {
            let message = text;
            try {
                const parsed = JSON.parse(text) as { id?: string; message?: string };
                message = [parsed.id, parsed.message].filter(Boolean).join(": ") || text;
            } catch {
                // not JSON: keep the raw text
            }
            throw new DigitalOceanApiError(`DigitalOcean API ${method} ${path} answered ${response.status}: ${message}`, response.status);
        }
        return (text ? JSON.parse(text) : undefined) as T;
    }
}
