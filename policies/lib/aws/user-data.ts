/**
 * Whose user data others can read on AWS (webtier-user-data-secrets): any AWS resource (instances,
 * launch templates, ...), since EC2 hands an instance's user data to anyone allowed
 * ec2:DescribeInstanceAttribute.
 */
export const AWS_USER_DATA = {
    covers: (type: string): boolean => type.startsWith("aws:") || type.startsWith("aws-native:"),
    advice:
        "User data is readable by anyone allowed ec2:DescribeInstanceAttribute and by every process on the instance (metadata service). " +
        "Keep secrets in SSM Parameter Store (SecureString) or Secrets Manager and have the instance read them through its role at boot.",
};
