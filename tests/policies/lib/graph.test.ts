import * as assert from "assert";
import { UNKNOWN } from "../../../policies/lib/values";
import { FakeResource, graphOf } from "../helpers";

const T = {
    group: "aws:ec2/securityGroup:SecurityGroup",
    rule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    instance: "aws:ec2/instance:Instance",
    listener: "aws:lb/listener:Listener",
    balancer: "aws:lb/loadBalancer:LoadBalancer",
};

/** Groups, rules and servers interleaved, as a program registers them. */
function stack(): FakeResource[] {
    return [
        { type: T.group, name: "web", props: { id: "sg-web" } },
        { type: T.rule, name: "web-80", props: { securityGroupId: "sg-web" } },
        { type: T.instance, name: "app-1", props: { id: "i-1", vpcSecurityGroupIds: ["sg-web"] } },
        { type: T.group, name: "db", props: { id: "sg-db" } },
        { type: T.rule, name: "db-3306", props: { securityGroupId: UNKNOWN }, deps: { securityGroupId: ["db"] } },
        { type: T.instance, name: "app-2", props: { id: "i-2", vpcSecurityGroupIds: ["sg-web"] } },
        {
            type: T.balancer,
            name: "lb",
            props: { arn: "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/lb/1" },
        },
        {
            type: T.listener,
            name: "https",
            props: { loadBalancerArn: "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/lb/1" },
        },
    ];
}

const names = (list: { name: string }[]) => list.map((r) => r.name);

describe("the stack graph", () => {
    it("answers resources of several types in the stack's order, not grouped by type", () => {
        const graph = graphOf(stack());
        assert.deepStrictEqual(names(graph.ofType([T.instance, T.group])), ["web", "app-1", "db", "app-2"]);
        assert.deepStrictEqual(names(graph.ofType([T.rule])), ["web-80", "db-3306"]);
        assert.deepStrictEqual(names(graph.ofType([T.group, T.group])), ["web", "db"]);
        assert.deepStrictEqual(graph.ofType(["aws:s3/bucket:Bucket"]), []);
    });

    it("hands each caller its own list", () => {
        const graph = graphOf(stack());
        graph.ofType([T.instance]).pop();
        graph.ofType([T.instance, T.group]).length = 0;
        assert.deepStrictEqual(names(graph.ofType([T.instance])), ["app-1", "app-2"]);
        assert.deepStrictEqual(names(graph.ofType([T.group, T.instance])), ["web", "app-1", "db", "app-2"]);
    });

    it("resolves a reference by the identity its target reports, else through its dependencies", () => {
        const graph = graphOf(stack());
        const [web80, db3306] = graph.ofType([T.rule]);
        const byId = graph.resolve(web80, "securityGroupId", "sg-web", [T.group]);
        assert.deepStrictEqual([names(byId.candidates), byId.certain], [["web"], true]);
        const byDependency = graph.resolve(db3306, "securityGroupId", UNKNOWN, [T.group]);
        assert.deepStrictEqual([names(byDependency.candidates), byDependency.certain], [["db"], true]);
        const [listener] = graph.ofType([T.listener]);
        const byArn = graph.resolve(listener, "loadBalancerArn", listener.props.loadBalancerArn, [T.balancer]);
        assert.deepStrictEqual(names(byArn.candidates), ["lb"]);
        // An identity of another type is no candidate.
        assert.deepStrictEqual(graph.resolve(web80, "securityGroupId", "i-1", [T.group]).candidates, []);
    });
});
