// The Pulumi program: `pulumi up --stack <env>` runs this file (Pulumi.yaml `main`).
// Everything lives in infra/; this file only hands the stack outputs to the engine.
import { runWebtier } from "./infra/program";

export = runWebtier();
