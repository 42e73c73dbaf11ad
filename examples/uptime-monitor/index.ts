// A second Pulumi program that consumes webtier's outputs through a StackReference:
//   pulumi config set webtierStack acme/webtier/aws-prod
//   pulumi config set alertEmail ops@example.com
//   pulumi config set monitorWith aws     (optional: the service to watch from, default the stack's cloud)
//   pulumi up
import { main } from "./program";

export = main();
