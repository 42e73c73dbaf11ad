/**
 * A static route: files on disk served from S3 through API Gateway, as the provider builds it
 * (pulumi-aws-apigateway aws-apigateway/apigateway/api.ts `addStaticRouteToSwaggerSpec`). A file
 * becomes one bucket object at `<api><hash>` and one GET path; a directory becomes an object per
 * file under `<api><hash>/`, a greedy `{proxy+}` path to them, and a GET of the directory path
 * to its index file (index.html unless `index` names another or is false). Each route gets a role
 * API Gateway assumes, with AmazonS3FullAccess attached.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import { createRequire } from "module";
import * as fspath from "path";
import { getRegion, sha1hash } from "../utils";
import type { Route } from "./routes";
import { getPartition } from "./partition";
import { addOperation, s3ObjectOperation, swaggerMethod, type SwaggerOperation, type SwaggerSpec } from "./swagger";

/**
 * The `mime` package the provider's `mime.getType` comes from: not a dependency of this project
 * but of @pulumi/aws (mime 2, as in the provider's lockfile), so loaded from there.
 */
const mime = createRequire(require.resolve("@pulumi/aws"))("mime") as { getType(path: string): string | null };

/** api.ts `apigatewayAssumeRolePolicyDocument`: API Gateway may assume the role. */
const APIGATEWAY_ASSUME_ROLE_POLICY = {
    Version: "2012-10-17",
    Statement: [
        { Sid: "", Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" },
    ],
};

/**
 * Adds the route's paths to `spec` and makes its role and objects. `addBasePathOptions` is the
 * route's auth/validation options step (routes.ts), applied to each operation as the source does.
 */
export function addStaticRoute(
    parent: pulumi.Resource,
    name: string,
    spec: SwaggerSpec,
    route: Route,
    bucket: aws.s3.Bucket,
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
    addBasePathOptions: (operation: SwaggerOperation, route: Route) => void,
): void {
    if (route.localPath === undefined) {
        throw new pulumi.ResourceError("Route missing required [localPath] property", parent);
    }
    const localPath = route.localPath;
    const method = swaggerMethod("GET");

    const createRole = (key: string): aws.iam.Role => {
        const role = new aws.iam.Role(
            key,
            { assumeRolePolicy: JSON.stringify(APIGATEWAY_ASSUME_ROLE_POLICY), tags },
            { parent },
        );
        new aws.iam.RolePolicyAttachment(
            key,
            { role, policyArn: aws.iam.ManagedPolicy.AmazonS3FullAccess },
            { parent },
        );
        return role;
    };
    const createObject = (key: string, file: string, contentType?: string) =>
        new aws.s3.BucketObject(
            key,
            {
                bucket,
                key,
                tags,
                source: new pulumi.asset.FileAsset(file),
                contentType: contentType || mime.getType(file) || undefined,
            },
            { parent },
        );
    // api.ts `createSwaggerOperationForObjectKey`: the object's S3 path in the bucket's partition and region.
    const objectOperation = (objectKey: string, role: aws.iam.Role, pathParameter?: string) => {
        const partition = getPartition(bucket);
        const region = getRegion(bucket);
        const suffix = pathParameter ? `/{${pathParameter}}` : "";
        const uri = pulumi.interpolate`arn:${partition}:apigateway:${region}:s3:path/${bucket.bucket}/${objectKey}${suffix}`;
        return s3ObjectOperation(role.arn, uri, pathParameter);
    };

    const stat = fs.statSync(localPath);
    if (stat.isFile()) {
        const key = name + sha1hash(method + ":" + route.path);
        const role = createRole(key);
        createObject(key, localPath, route.contentType);
        const operation = objectOperation(key, role);
        addBasePathOptions(operation, route);
        addOperation(spec, route.path, method, operation);
    } else if (stat.isDirectory()) {
        const serverPath = route.path.endsWith("/") ? route.path : route.path + "/";
        const directoryKey = name + sha1hash(method + ":" + serverPath);
        const role = createRole(directoryKey);
        let startDir = fspath.isAbsolute(localPath) ? localPath : fspath.join(process.cwd(), localPath);
        if (!startDir.endsWith(fspath.sep)) startDir = fspath.join(startDir, fspath.sep);
        const indexFile =
            route.index === false ? undefined : typeof route.index === "string" ? route.index : "index.html";
        const indexPath = indexFile === undefined ? undefined : fspath.join(startDir, indexFile);

        // Depth first, in readdir's (sorted) order, as the source walks.
        const walk = (dir: string): void => {
            for (const child of fs.readdirSync(dir)) {
                const childPath = fspath.join(dir, child);
                const stats = fs.statSync(childPath);
                if (stats.isDirectory()) {
                    walk(childPath);
                } else if (stats.isFile()) {
                    const relative = childPath.substring(startDir.length).split(fspath.sep).join(fspath.posix.sep);
                    const objectKey = directoryKey + "/" + relative;
                    createObject(objectKey, childPath);
                    if (childPath === indexPath) {
                        const operation = objectOperation(objectKey, role);
                        addBasePathOptions(operation, route);
                        // Set, not added: the directory path serves only the index.
                        spec.paths[serverPath] = { [method]: operation };
                    }
                }
            }
        };
        walk(startDir);

        const operation = objectOperation(directoryKey, role, "proxy");
        addBasePathOptions(operation, route);
        addOperation(spec, serverPath + "{proxy+}", swaggerMethod("ANY"), operation);
    }
}
