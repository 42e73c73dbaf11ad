// Laravel's queue on Amazon MQ for RabbitMQ (the laravel-queue-rabbitmq driver), made publicly
// accessible so that a developer can watch the jobs from a laptop. A public RabbitMQ broker takes
// no security groups and no subnets: anyone on the internet who learns the password puts jobs on
// every worker.
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { appServer, network } from "./network";

export = function program() {
    const net = network("jobs");
    appServer("jobs", net);
    const password = new random.RandomPassword("jobs-password", { length: 24, special: false });
    new aws.mq.Broker("jobs", {
        brokerName: "jobs",
        engineType: "RabbitMQ",
        engineVersion: "3.13",
        hostInstanceType: "mq.m5.large",
        deploymentMode: "CLUSTER_MULTI_AZ",
        publiclyAccessible: true,
        autoMinorVersionUpgrade: true,
        users: [{ username: "laravel", password: password.result }],
    });
}
