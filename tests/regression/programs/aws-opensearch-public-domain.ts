// An OpenSearch domain for the app's search, created without vpcOptions: it gets a public
// endpoint guarded only by its access policy.
import * as aws from "@pulumi/aws";

export = function program() {
    new aws.opensearch.Domain("search", {
        domainName: "app-search",
        engineVersion: "OpenSearch_2.13",
        clusterConfig: { instanceType: "t3.small.search", instanceCount: 1 },
        ebsOptions: { ebsEnabled: true, volumeSize: 10 },
        encryptAtRest: { enabled: true },
        nodeToNodeEncryption: { enabled: true },
        domainEndpointOptions: { enforceHttps: true },
    });
}
