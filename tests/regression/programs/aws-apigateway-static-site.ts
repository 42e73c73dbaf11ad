// A status page served by @pulumi/aws-apigateway's RestAPI from a local folder. Its provider
// uploads the folder to a bucket it makes for the API, with neither versioning, encryption nor a
// public access block, and a role API Gateway reads the bucket through; the check builds them as
// the provider does, and the pack judges the bucket like any other.
import * as path from "path";
import * as apigateway from "@pulumi/aws-apigateway";

const site = new apigateway.RestAPI("status", {
    routes: [{ path: "/", localPath: path.join(__dirname, "apigateway-site") }],
});

export const url = site.url;
