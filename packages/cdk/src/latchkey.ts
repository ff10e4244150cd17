import { readAttestationRoots } from "@latchkey/core/passkeys";
import { CfnOutput, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import type { Alarm } from "aws-cdk-lib/aws-cloudwatch";
import { AccountRecovery, ClientAttributes, FeaturePlan, UserPool, type UserPoolClient } from "aws-cdk-lib/aws-cognito";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key, KeySpec, KeyUsage } from "aws-cdk-lib/aws-kms";
import { Architecture, type Code, Function as LambdaFunction, LoggingFormat, Runtime } from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { wireAuditEvents } from "./audit-events.ts";
import { LAMBDA_HANDLER } from "./bundle-lambda.ts";
import { bundledCode } from "./bundled-code.ts";
import { createHttpApi } from "./create-http-api.ts";
import { createTable } from "./create-table.ts";
import { grantSendEmail, grantSendText, grantTableAccess } from "./grant-access.ts";
import { handlerEntries } from "./handler-entries.ts";
import { lambdaEnvironment } from "./lambda-environment.ts";
import type { LatchkeyProps } from "./latchkey-props.ts";
import { senderIdentity } from "./sender-identity.ts";
import { createSmsSpendAlarm } from "./sms-spend-alarm.ts";
import { allowCognitoInvoke, pointTriggersAt, triggerFunctionName } from "./wire-triggers.ts";

/** The attestation trust anchors' file in the api function's code. */
const ATTESTATION_ROOTS_FILE = "attestation-roots.json";

/** The DynamoDB actions each function's code makes (least-privilege.test.ts checks them against it). */
const API_TABLE_ACTIONS = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query"].map((a) => `dynamodb:${a}`);
const TRIGGER_TABLE_ACTIONS = ["GetItem", "PutItem", "UpdateItem"].map((a) => `dynamodb:${a}`);
/**
 * The Cognito admin calls of core/src/aws/cognito-directory.ts, the api's user directory. Its GetUser,
 * which checks access tokens with the pool, is authorized by the token itself: IAM has no say in it.
 */
const API_COGNITO_ACTIONS = ["AdminGetUser"].map((a) => `cognito-idp:${a}`);
/** Every standard attribute but the verification flags (CDK names). */
const USER_WRITABLE_ATTRIBUTES = new ClientAttributes().withStandardAttributes({
  address: true,
  birthdate: true,
  email: true,
  familyName: true,
  gender: true,
  givenName: true,
  locale: true,
  middleName: true,
  fullname: true,
  nickname: true,
  phoneNumber: true,
  profilePicture: true,
  preferredUsername: true,
  profilePage: true,
  lastUpdateTime: true,
  website: true,
  timezone: true,
});
/** Only sign-up creates users: without it, the api cannot create one even if it is subverted. */
const SIGN_UP_ACTIONS = ["cognito-idp:AdminCreateUser"];

/**
 * Latchkey on AWS: the handlers that run in the local stack, deployed as an HTTP API function and one
 * combined custom-auth trigger function, with their table, link-signing key and challenge secret,
 * each function allowed exactly the calls its code makes.
 */
export class Latchkey extends Construct {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly table: Table;
  readonly httpApi: HttpApi;
  readonly apiUrl: string;
  readonly apiFunction: LambdaFunction;
  readonly triggerFunction: LambdaFunction;
  readonly linkSigningKey: Key;
  readonly challengeSecret: Secret;
  /** Goes off when the month's texts cost more than `sms.monthlySpendAlarmUsd`. */
  readonly smsSpendAlarm: Alarm;

  constructor(scope: Construct, id: string, props: LatchkeyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const sender = senderIdentity(props.magicLinks.senderAddress);

    this.userPool = props.userPool ?? this.createUserPool(removalPolicy);
    this.userPoolClient = this.userPool.addClient("Client", {
      // Sign-in is CUSTOM_AUTH from the browser, then refresh: no passwords, no SRP, no hosted UI.
      authFlows: { custom: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      disableOAuth: true,
      enableTokenRevocation: true,
      // Only verification (or an admin) may mark an address verified: a user who could would own any address.
      writeAttributes: USER_WRITABLE_ATTRIBUTES,
    });
    const triggerName = triggerFunctionName(this);
    pointTriggersAt(this, this.userPool, triggerName);
    this.table = createTable(this, removalPolicy);

    // Magic links are signed by KMS: the private key never leaves it; verifiers only need the public key.
    this.linkSigningKey = new Key(this, "LinkSigningKey", {
      description: "Signs Latchkey magic links (ECDSA P-256)",
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy,
    });

    // The challenge key must be in the environment at cold start, as core reads its config synchronously
    // at module scope. Secrets Manager generates it (it never appears in the template or in the source)
    // and CloudFormation resolves the dynamic reference when it deploys the functions. The functions get
    // no Secrets Manager permission and make no call for it. Rotating it means redeploying, which only
    // invalidates challenges issued in the last five minutes.
    this.challengeSecret = new Secret(this, "ChallengeSecret", {
      description: "Key of Latchkey's signed passkey challenges",
      // 64 alphanumerics, read by core as base64: 48 bytes, about 380 bits of entropy.
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy,
    });

    const environment = lambdaEnvironment(props, {
      region: stack.region,
      userPoolId: this.userPool.userPoolId,
      clientId: this.userPoolClient.userPoolClientId,
      tableName: this.table.tableName,
      kmsKeyArn: this.linkSigningKey.keyArn,
      challengeSecret: this.challengeSecret.secretValue.unsafeUnwrap(),
    });

    const roots = props.passkeys?.attestationRootsFile;
    if (roots) readAttestationRoots(roots); // a malformed file fails the synthesis, not every cold start
    this.apiFunction = this.createFunction("Api", {
      code: bundledCode(handlerEntries.api, roots ? { [ATTESTATION_ROOTS_FILE]: roots } : {}),
      // Lambda runs in the code's directory, so the relative name finds the copied file.
      environment: roots ? { ...environment, LATCHKEY_ATTESTATION_ROOTS_FILE: ATTESTATION_ROOTS_FILE } : environment,
      timeout: Duration.seconds(10),
      logRetention,
      removalPolicy,
    });
    grantTableAccess(this.apiFunction, this.table, API_TABLE_ACTIONS);
    this.linkSigningKey.grant(this.apiFunction, "kms:Sign");
    grantSendEmail(this.apiFunction, sender);
    grantSendText(this.apiFunction, props.sms ?? {});
    this.smsSpendAlarm = createSmsSpendAlarm(this, props.sms ?? {});
    this.userPool.grant(this.apiFunction, ...API_COGNITO_ACTIONS, ...(props.allowSignUp ? SIGN_UP_ACTIONS : []));

    this.triggerFunction = this.createFunction("Triggers", {
      functionName: triggerName,
      code: bundledCode(handlerEntries.triggers),
      environment,
      // Cognito waits five seconds for a trigger, then fails the sign-in.
      timeout: Duration.seconds(5),
      logRetention,
      removalPolicy,
    });
    grantTableAccess(this.triggerFunction, this.table, TRIGGER_TABLE_ACTIONS);
    // Verifying a link needs the public key only; core fetches it once per container and verifies locally.
    this.linkSigningKey.grant(this.triggerFunction, "kms:GetPublicKey");
    allowCognitoInvoke(this.triggerFunction, this.userPool);
    wireAuditEvents(this, props.auditEvents, [this.apiFunction, this.triggerFunction]);

    const { api, stage } = createHttpApi(this, {
      handler: this.apiFunction,
      allowedOrigins: props.allowedOrigins,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      magicLinkThrottle: props.magicLinkThrottle ?? { rateLimit: 5, burstLimit: 10 },
      smsCodeThrottle: props.smsCodeThrottle ?? { rateLimit: 5, burstLimit: 10 },
      logRetention,
      removalPolicy,
    });
    this.httpApi = api;
    this.apiUrl = stage.url;

    // What the browser client's configure() takes.
    new CfnOutput(this, "Region", { value: stack.region, description: "configure({ region })" });
    new CfnOutput(this, "UserPoolId", { value: this.userPool.userPoolId, description: "configure({ userPoolId })" });
    new CfnOutput(this, "ClientId", {
      value: this.userPoolClient.userPoolClientId,
      description: "configure({ clientId })",
    });
    new CfnOutput(this, "ApiUrl", { value: this.apiUrl, description: "configure({ apiUrl })" });
  }

  /** Email is the username attribute, so usernames are opaque UUIDs: safe as passkey user handles. */
  private createUserPool(removalPolicy: RemovalPolicy): UserPool {
    return new UserPool(this, "UserPool", {
      signInAliases: { email: true },
      signInCaseSensitive: false,
      // Users are created by the api (AdminCreateUser) when allowSignUp is on, never by a public SignUp.
      selfSignUpEnabled: false,
      standardAttributes: { email: { required: true, mutable: true } },
      // A changed email applies only once its code is verified: until then the verified one stays,
      // and nobody can hold an address they never proved (which sign-in mail would then follow).
      keepOriginal: { email: true },
      // There are no passwords to recover.
      accountRecovery: AccountRecovery.NONE,
      // Access-token customization (pre token generation V2_0, for step-up binding) needs Essentials or Plus.
      featurePlan: FeaturePlan.ESSENTIALS,
      removalPolicy,
    });
  }

  private createFunction(
    id: string,
    options: {
      code: Code;
      environment: Record<string, string>;
      timeout: Duration;
      logRetention: RetentionDays;
      removalPolicy: RemovalPolicy;
      functionName?: string;
    },
  ): LambdaFunction {
    const logGroup = new LogGroup(this, `${id}Logs`, {
      retention: options.logRetention,
      removalPolicy: options.removalPolicy,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs in any group): each function writes its own group only.
    const role = new Role(this, `${id}Role`, { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
    logGroup.grantWrite(role);
    return new LambdaFunction(this, id, {
      role,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: LAMBDA_HANDLER,
      code: options.code,
      environment: options.environment,
      timeout: options.timeout,
      // More memory is more CPU: it shortens cold starts and costs little at these durations.
      memorySize: 1024,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      ...(options.functionName && { functionName: options.functionName }),
    });
  }
}
