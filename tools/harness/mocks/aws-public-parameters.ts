/**
 * The values of AWS's public Systems Manager parameters (`/aws/service/...`) that name a machine
 * image, in the shapes AWS publishes them, for the mocks' `aws.ssm.getParameter`. Pure.
 *
 * Most hold the image id itself (`/aws/service/ami-amazon-linux-latest/...`, Canonical's
 * `.../ami-id`, Bottlerocket's `.../image_id`). The ECS- and EKS-optimized images' `recommended`
 * parameter holds a JSON document instead, and each of its keys is also a parameter of its own
 * below it (`.../recommended/image_id`): programs and libraries read `JSON.parse(value).image_id`
 * (awsx classic's launch configuration does), which a bare id would fail.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/retrieve-ecs-optimized_AMI.html
 * https://docs.aws.amazon.com/eks/latest/userguide/retrieve-ami-id.html
 */

/** The one image the mocks know (aws.ec2.getAmi answers it too). */
export const MOCK_AMI = "ami-0123456789abcdef0";

const OPTIMIZED = /^\/aws\/service\/(ecs|eks)\/optimized-ami\/(.+)\/recommended(?:\/([a-z_]+))?$/;

/** The `recommended` document of an ECS- or EKS-optimized image family, as AWS publishes its keys. */
function recommended(service: "ecs" | "eks", family: string): Record<string, string | number> {
    if (service === "ecs") {
        const al2023 = family.startsWith("amazon-linux-2023");
        const os = al2023
            ? "Amazon Linux 2023"
            : family.startsWith("amazon-linux-2")
              ? "Amazon Linux 2"
              : "Amazon Linux";
        const name = al2023
            ? "al2023-ami-ecs-hvm-2023.0.20241217-kernel-6.1-x86_64"
            : "amzn2-ami-ecs-hvm-2.0.20241217-x86_64-ebs";
        return {
            ecs_agent_version: "1.89.2",
            ecs_runtime_version: "Docker version 25.0.6",
            image_id: MOCK_AMI,
            image_name: name,
            image_version: al2023 ? "2023.0.20241217" : "2.0.20241217",
            os,
            schema_version: 1,
            source_image_name: name.replace("-ecs-", "-minimal-"),
        };
    }
    const version = /^(\d+\.\d+)\//.exec(family)?.[1] ?? "1.31";
    return {
        image_id: MOCK_AMI,
        image_name: `amazon-eks-node-${version}-v20241213`,
        release_version: `${version}.3-20241213`,
        schema_version: 2,
    };
}

/** The parameter's value, or undefined for one this does not know (an account's own, say). */
export function publicParameterValue(name: string): string | undefined {
    if (!name.startsWith("/aws/service/")) return undefined;
    const optimized = OPTIMIZED.exec(name);
    if (optimized) {
        const document = recommended(optimized[1] as "ecs" | "eks", optimized[2]);
        const key = optimized[3];
        if (key === undefined) return JSON.stringify(document);
        return key in document ? String(document[key]) : undefined;
    }
    return /ami|image_id/.test(name) ? MOCK_AMI : undefined;
}
