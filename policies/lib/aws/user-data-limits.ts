/** The user data size EC2 accepts (see policies/preflight/user-data.ts, which checks it). */
import type { UserDataLimit } from "../../preflight/user-data";

export const AWS_USER_DATA_LIMITS: readonly UserDataLimit[] = [
    {
        types: ["aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest"],
        // userDataBase64 carries binary (gzip) user data; the limit applies to the raw bytes.
        properties: [
            { name: "userData", base64: false },
            { name: "userDataBase64", base64: true },
        ],
        maxBytes: 16 * 1024,
        limitText: "16 KB",
        hint: ", or gzip it and pass it as userDataBase64",
        source: 'EC2 User Guide, "Specify instance user data at launch": user data is limited to 16 KB, in raw form, before it is base64-encoded',
    },
    {
        types: ["aws:ec2/launchTemplate:LaunchTemplate"],
        // A launch template's userData is base64 already (the API takes it encoded).
        properties: [{ name: "userData", base64: true }],
        maxBytes: 16 * 1024,
        limitText: "16 KB",
        hint: ", or gzip it before base64-encoding it into userData (cloud-init reads gzip)",
        source: "EC2 API RequestLaunchTemplateData.UserData: the same 16 KB limit on the raw, decoded data",
    },
];
