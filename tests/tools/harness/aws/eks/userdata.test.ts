// The user data the eks emulation writes into node launch templates must be the provider's, byte
// for byte (pulumi-eks v4.3.0 nodejs/eks/nodes/userdata.ts and its snapshot tests, whose linux and
// nodeadm cases this code was checked against): AL2's bootstrap.sh line, AL2023's nodeadm MIME
// document, the kubelet flags from labels and taints, and the provider's refusals.
import * as assert from "assert";
import {
    buildKubeletFlags,
    type ClusterMetadata,
    createUserData,
    type ManagedNodeUserDataArgs,
    requiresCustomUserData,
    type SelfManagedV1NodeUserDataArgs,
    type SelfManagedV2NodeUserDataArgs,
} from "../../../../../tools/harness/aws/eks/nodes/userdata";

const cluster: ClusterMetadata = {
    name: "demo-eksCluster-1234567",
    apiServerEndpoint: "https://ABC.gr7.us-east-1.eks.amazonaws.com",
    certificateAuthority: "Q0E=",
    serviceCidr: "10.100.0.0/16",
};

const base = {
    kubeletExtraArgs: undefined,
    bootstrapExtraArgs: undefined,
    labels: undefined,
    taints: undefined,
    userDataOverride: undefined,
    bottlerocketSettings: undefined,
    nodeadmExtraOptions: undefined,
};

const v2 = (args: Partial<SelfManagedV2NodeUserDataArgs>): SelfManagedV2NodeUserDataArgs => ({
    ...base,
    nodeGroupType: "self-managed-v2",
    stackName: "ng",
    extraUserData: undefined,
    ...args,
});

const managed = (args: Partial<ManagedNodeUserDataArgs>): ManagedNodeUserDataArgs => ({
    ...base,
    nodeGroupType: "managed",
    ...args,
});

const BOOTSTRAP = `/etc/eks/bootstrap.sh --apiserver-endpoint "https://ABC.gr7.us-east-1.eks.amazonaws.com" --b64-cluster-ca "Q0E=" "demo-eksCluster-1234567"`;

const NODECONFIG = `---
apiVersion: node.eks.aws/v1alpha1
kind: NodeConfig
spec:
  cluster:
    name: demo-eksCluster-1234567
    apiServerEndpoint: https://ABC.gr7.us-east-1.eks.amazonaws.com
    certificateAuthority: Q0E=
    cidr: 10.100.0.0/16
`;

describe("eks node user data (userdata.ts)", () => {
    describe("AL2023 (nodeadm)", () => {
        it("a NodeConfig naming the cluster, in a MIME document", () => {
            assert.strictEqual(
                createUserData("AL2023", cluster, v2({}), undefined),
                `MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="BOUNDARY"

--BOUNDARY
Content-Type: application/node.eks.aws

${NODECONFIG}
--BOUNDARY--
`,
            );
        });

        it("kubelet flags in a NodeConfig of their own, then the extra options, then the program's script", () => {
            const userData = createUserData(
                "AL2023",
                cluster,
                v2({
                    kubeletExtraArgs: "--max-pods=50",
                    labels: { role: "web" },
                    taints: {
                        dedicated: { value: "web", effect: "NoSchedule" },
                        spot: { value: undefined, effect: "NoExecute" },
                    },
                    nodeadmExtraOptions: [{ contentType: "text/x-shellscript", content: "#!/bin/bash\necho extra" }],
                    extraUserData: "#!/bin/bash\necho hi",
                }),
                undefined,
            );
            assert.strictEqual(
                userData,
                `MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="BOUNDARY"

--BOUNDARY
Content-Type: application/node.eks.aws

${NODECONFIG}
--BOUNDARY
Content-Type: application/node.eks.aws

---
apiVersion: node.eks.aws/v1alpha1
kind: NodeConfig
spec:
  kubelet:
    flags:
      - '--max-pods=50'
      - '--node-labels=role=web'
      - '--register-with-taints=dedicated=web:NoSchedule,spot:NoExecute'

--BOUNDARY
Content-Type: text/x-shellscript

#!/bin/bash
echo extra
--BOUNDARY
Content-Type: text/x-shellscript; charset="us-ascii"

#!/bin/bash
echo hi
--BOUNDARY--
`,
            );
        });

        it("refuses bootstrapExtraArgs, which nodeadm has no script for", () => {
            assert.throws(
                () => createUserData("AL2023", cluster, v2({ bootstrapExtraArgs: "--use-max-pods false" }), undefined),
                /The 'bootstrapExtraArgs' argument is not supported for nodeadm based user data\./,
            );
        });
    });

    describe("AL2 (bootstrap.sh)", () => {
        it("self-managed: the bootstrap line, a single kubelet flag unquoted, and a blank line for no extra script", () => {
            assert.strictEqual(
                createUserData("AL2", cluster, v2({ labels: { ondemand: "true" } }), undefined),
                `#!/bin/bash

${BOOTSTRAP} --kubelet-extra-args --node-labels=ondemand=true

`,
            );
        });

        it("self-managed: bootstrap arguments, several kubelet flags quoted, the program's script run after", () => {
            assert.strictEqual(
                createUserData(
                    "AL2",
                    cluster,
                    v2({
                        bootstrapExtraArgs: "--use-max-pods false",
                        kubeletExtraArgs: "--max-pods=50",
                        taints: { gpu: { value: "true", effect: "NoSchedule" } },
                        extraUserData: "#!/bin/bash\necho hi",
                    }),
                    undefined,
                ),
                `#!/bin/bash

${BOOTSTRAP} --use-max-pods false --kubelet-extra-args '--max-pods=50 --register-with-taints=gpu=true:NoSchedule'
cat >/opt/user-data <<ng-user-data
#!/bin/bash
echo hi
ng-user-data
chmod +x /opt/user-data
/opt/user-data

`,
            );
        });

        it("managed: a MIME document EKS merges its own bootstrap into", () => {
            assert.strictEqual(
                createUserData("AL2", cluster, managed({ kubeletExtraArgs: "--max-pods=500" }), undefined),
                `MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="==MYBOUNDARY=="

--==MYBOUNDARY==
Content-Type: text/x-shellscript; charset="us-ascii"

#!/bin/bash

${BOOTSTRAP} --kubelet-extra-args --max-pods=500
--==MYBOUNDARY==--`,
            );
        });

        it("v1 (CloudFormation): signals the stack", () => {
            const args: SelfManagedV1NodeUserDataArgs = {
                ...base,
                nodeGroupType: "self-managed-v1",
                stackName: "ng-12345678",
                awsRegion: "us-west-2",
                extraUserData: undefined,
            };
            assert.strictEqual(
                createUserData("AL2", cluster, args, undefined),
                `#!/bin/bash

${BOOTSTRAP}

/opt/aws/bin/cfn-signal --exit-code $? --stack ng-12345678 --resource NodeGroup --region us-west-2
`,
            );
        });

        it("refuses Bottlerocket settings", () => {
            assert.throws(
                () => createUserData("AL2", cluster, v2({ bottlerocketSettings: {} }), undefined),
                /The 'bottlerocketSettings' argument is not supported for Linux based user data\./,
            );
        });
    });

    it("the program's override is used as it is, for any OS", () => {
        assert.strictEqual(
            createUserData("AL2023", cluster, v2({ userDataOverride: "#!/bin/sh\nmine" }), undefined),
            "#!/bin/sh\nmine",
        );
    });

    it("kubelet flags: extra arguments split at spaces, then labels, then taints (key:effect for an empty value)", () => {
        assert.deepStrictEqual(
            buildKubeletFlags({
                kubeletExtraArgs: "--a=1 --b=2",
                labels: { x: "1", y: "2" },
                taints: { t: { value: "", effect: "PreferNoSchedule" } },
            }),
            ["--a=1", "--b=2", "--node-labels=x=1,y=2", "--register-with-taints=t:PreferNoSchedule"],
        );
        assert.deepStrictEqual(buildKubeletFlags({ kubeletExtraArgs: undefined, labels: {}, taints: {} }), []);
    });

    it("custom user data is needed for any of the kubelet, bootstrap, Bottlerocket or nodeadm options", () => {
        assert.strictEqual(requiresCustomUserData({}), false);
        assert.strictEqual(requiresCustomUserData({ nodeadmExtraOptions: [] }), true);
        assert.strictEqual(requiresCustomUserData({ kubeletExtraArgs: "" }), true);
    });
});
