import { App } from "aws-cdk-lib";
import { createExampleStack } from "../lib/example-stack.ts";

createExampleStack(new App());
